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
}
