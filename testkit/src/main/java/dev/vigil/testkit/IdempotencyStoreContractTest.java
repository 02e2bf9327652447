package dev.vigil.testkit;

import static dev.vigil.testkit.ContractFixtures.T0;
import static dev.vigil.testkit.ContractFixtures.idempotency;
import static dev.vigil.testkit.ContractFixtures.next;
import static dev.vigil.testkit.ContractFixtures.subject;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.spi.Commit;
import dev.vigil.spi.IdempotencyRecord;
import dev.vigil.spi.StoredSubject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link dev.vigil.spi.IdempotencyStore} contract: records by scope and key, insert-if-absent, pruning, and
 * writing one atomically with a subject write.
 *
 * <p>A store module runs it by extending it and implementing {@link #createStore()}:
 * <pre>{@code
 * class MyStoreIdempotencyStoreContractTest extends IdempotencyStoreContractTest {
 *     protected VigilStore createStore() { return new MyStore(...); } // a fresh, empty store
 * }
 * }</pre>
 */
public abstract class IdempotencyStoreContractTest extends StoreContract {

    @Test
    void insertsAndFindsByScopeAndKey() {
        IdempotencyRecord r = new IdempotencyRecord("POST /api/v2/events/ingest:token-1", "key-\u00e9",
                "sha256:abc", 201, "{\"reportCount\":1,\"text\":\"\u2713\"}", T0.plusMillis(5));
        assertThat(store.idempotency().insert(r)).isTrue();
        assertThat(store.idempotency().find(r.scope(), r.key())).contains(r);
        assertThat(store.idempotency().find(r.scope(), "other")).isEmpty();
        assertThat(store.idempotency().find("other", r.key())).isEmpty();
    }

    @Test
    void aSecondInsertWithTheSameScopeAndKeyKeepsTheFirst() {
        IdempotencyRecord first = idempotency("s", "k", T0);
        IdempotencyRecord second = new IdempotencyRecord("s", "k", "sha256:other", 400, "{}", T0.plusSeconds(1));
        assertThat(store.idempotency().insert(first)).isTrue();
        assertThat(store.idempotency().insert(second)).isFalse();
        assertThat(store.idempotency().find("s", "k")).contains(first);
        assertThat(store.idempotency().insert(idempotency("s2", "k", T0))).as("another scope").isTrue();
    }

    @Test
    void pruneDeletesRecordsOlderThanTheCutoff() {
        store.idempotency().insert(idempotency("s", "old", T0.minusSeconds(10)));
        store.idempotency().insert(idempotency("s", "older", T0.minusSeconds(20)));
        store.idempotency().insert(idempotency("s", "edge", T0));
        store.idempotency().insert(idempotency("s", "new", T0.plusSeconds(10)));
        assertThat(store.idempotency().prune(T0)).isEqualTo(2);
        assertThat(store.idempotency().find("s", "old")).isEmpty();
        assertThat(store.idempotency().find("s", "older")).isEmpty();
        assertThat(store.idempotency().find("s", "edge")).isPresent();
        assertThat(store.idempotency().find("s", "new")).isPresent();
        assertThat(store.idempotency().prune(T0)).isZero();
    }

    @Test
    void aSubjectWriteStoresItsRecord() {
        StoredSubject s = subject("1", null);
        IdempotencyRecord onInsert = idempotency("create", "k1", T0);
        assertThat(store.subjects().insert(s, new Commit(List.of(), List.of(), onInsert))).isTrue();
        IdempotencyRecord onUpdate = idempotency("update", "k2", T0);
        assertThat(store.subjects().compareAndSet(next(s), new Commit(List.of(), List.of(), onUpdate))).isTrue();
        assertThat(store.idempotency().find("create", "k1")).contains(onInsert);
        assertThat(store.idempotency().find("update", "k2")).contains(onUpdate);
    }

    @Test
    void aFailedSubjectWriteStoresNoRecord() {
        StoredSubject s = subject("1", null);
        assertThat(store.subjects().insert(s, Commit.NONE)).isTrue();
        IdempotencyRecord r = idempotency("update", "k", T0);
        assertThat(store.subjects().compareAndSet(next(next(s)), new Commit(List.of(), List.of(), r))).isFalse();
        assertThat(store.subjects().insert(s, new Commit(List.of(), List.of(), r))).isFalse();
        assertThat(store.idempotency().find("update", "k")).isEmpty();
    }

    @Test
    void aWriteWhoseKeyIsTakenWritesNothingAndFails() {
        StoredSubject s = subject("1", null);
        store.idempotency().insert(idempotency("s", "taken", T0));
        IdempotencyRecord again = idempotency("s", "taken", T0.plusSeconds(1));
        assertThat(store.subjects().insert(s, new Commit(List.of(), List.of(), again))).isFalse();
        assertThat(store.subjects().find(s.ref())).isEmpty();

        assertThat(store.subjects().insert(s, Commit.NONE)).isTrue();
        assertThat(store.subjects().compareAndSet(next(s), new Commit(List.of(), List.of(), again))).isFalse();
        assertThat(store.subjects().find(s.ref())).hasValueSatisfying(f -> assertThat(f.version()).isOne());
        assertThat(store.idempotency().find("s", "taken")).hasValueSatisfying(r -> assertThat(r.at()).isEqualTo(T0));
        // the same write under a free key goes through
        assertThat(store.subjects().compareAndSet(next(s), new Commit(List.of(), List.of(),
                idempotency("s", "free", T0)))).isTrue();
    }

    @Test
    void aWriteThatLosesItsCompareAndSetLeavesItsKeyFree() {
        StoredSubject s = subject("1", null);
        assertThat(store.subjects().insert(s, Commit.NONE)).isTrue();
        IdempotencyRecord r = idempotency("s", "k", T0);
        assertThat(store.subjects().compareAndSet(next(next(s)), new Commit(List.of(), List.of(), r))).isFalse();
        assertThat(store.subjects().compareAndSet(next(s), new Commit(List.of(), List.of(), r))).isTrue();
        assertThat(store.idempotency().find("s", "k")).contains(r);
    }

    @Test
    void aPendingRecordIsCompletedOnce() {
        IdempotencyRecord pending = new IdempotencyRecord("s", "k", "sha256:req", IdempotencyRecord.PENDING, "", T0);
        assertThat(store.idempotency().complete(pending.answered(200, "text/plain\nOK"))).as("no record").isFalse();
        store.idempotency().insert(pending);
        assertThat(store.idempotency().find("s", "k")).hasValueSatisfying(r -> assertThat(r.isPending()).isTrue());
        assertThat(store.idempotency().complete(pending.answered(200, "text/plain\nOK"))).isTrue();
        assertThat(store.idempotency().complete(pending.answered(500, "later"))).as("answered already").isFalse();
        assertThat(store.idempotency().find("s", "k")).contains(pending.answered(200, "text/plain\nOK"));
    }

    @Test
    void racingWritesWithOneKeyLetExactlyOneThrough() throws Exception {
        int writers = 8;
        List<StoredSubject> subjects = new java.util.ArrayList<>();
        for (int i = 0; i < writers; i++) {
            StoredSubject s = subject("r" + i, null);
            assertThat(store.subjects().insert(s, Commit.NONE)).isTrue();
            subjects.add(s);
        }
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (StoredSubject s : subjects) {
                results.add(pool.submit(() -> {
                    go.await();
                    return store.subjects().compareAndSet(next(s), new Commit(List.of(), List.of(),
                            idempotency("race", "one-key", T0)));
                }));
            }
            go.countDown();
            int won = 0;
            for (java.util.concurrent.Future<Boolean> f : results) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isOne();
            assertThat(subjects.stream().filter(s -> store.subjects().find(s.ref()).orElseThrow().version() == 2))
                    .hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
