package dev.vigil.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.model.Decision;
import dev.vigil.model.Severity;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Transition;
import dev.vigil.model.TransitionType;
import dev.vigil.spi.AppendedRecord;
import dev.vigil.spi.Commit;
import dev.vigil.model.DuplicateNameException;
import dev.vigil.spi.Gap;
import dev.vigil.spi.IdempotencyRecord;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import dev.vigil.spi.RecordQuery;
import dev.vigil.spi.Rollup;
import dev.vigil.spi.StoredSubject;
import dev.vigil.spi.SubjectChange;
import dev.vigil.spi.SubjectQuery;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.monitor.PushResult;
import dev.vigil.store.jdbc.internal.GroupCommitter;
import dev.vigil.store.jdbc.internal.JdbcSubjectStore;
import dev.vigil.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC store's own checks of the SPI, the same on H2 and PostgreSQL: what the shared contract tests cover too,
 * plus what only a database can get wrong (races between connections, SQL wildcards, JSON escaping).
 */
abstract class JdbcStoreContract {
    static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(30);

    JdbcStore store;
    JdbcStore other; // a second instance on the same database

    abstract JdbcStore newStore();

    @BeforeEach
    void open() {
        store = newStore();
        other = newStore();
    }

    @AfterEach
    void close() {
        store.close();
        other.close();
    }

    static StoredSubject subject(String kind, String key, String name, Map<String, String> labels, String status,
            Instant dueAt) {
        return new StoredSubject(SubjectRef.of(kind, key), 1, name, labels, status, dueAt, "{\"spec\":\"" + key + "\"}",
                "{\"n\":0}", T0, T0);
    }

    static Transition transition(String id, StoredSubject s, String from, String to) {
        return new Transition(id, s.ref(), s.name(), "", TransitionType.CHANGE, from, to, Severity.CRITICAL, T0,
                "because \"quoted\"", Map.of("kind", s.kind(), "key", s.key()), Decision.SENT, "to ops");
    }

    static <T> List<T> race(int n, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void insertFindAndNames() {
        StoredSubject a = subject("push_monitor", "1", "a", Map.of("group", "ops"), "UP", T0.plusSeconds(60));
        assertThat(store.subjects().insert(a, Commit.NONE)).isTrue();
        assertThat(store.subjects().find(a.ref())).contains(a);
        assertThat(other.subjects().findByName("push_monitor", "a")).contains(a);
        assertThat(store.subjects().insert(a.next("changed", Map.of(), "DOWN", null, "{}", "{}", T0), Commit.NONE))
                .isFalse();
        assertThat(store.subjects().find(a.ref())).contains(a);
        // the same name in another kind is fine; in the same kind it is not
        assertThat(store.subjects().insert(subject("service", "1", "a", Map.of(), "UP", null), Commit.NONE)).isTrue();
        assertThatThrownBy(() -> store.subjects().insert(subject("push_monitor", "2", "a", Map.of(), "UP", null),
                Commit.NONE)).isInstanceOf(DuplicateNameException.class).hasMessageContaining("\"a\"");
        assertThat(store.subjects().find(SubjectRef.of("push_monitor", "2"))).isEmpty();
    }

    @Test
    void racingInsertsOfOneRefCreateOne() throws Exception {
        for (int round = 0; round < 5; round++) {
            StoredSubject s = subject("heartbeat", "hb-" + round, "hb " + round, Map.of("x", "y"), "UP", T0);
            int[] i = {0};
            List<Boolean> results = race(4, () -> {
                JdbcStore which;
                synchronized (i) {
                    which = i[0]++ % 2 == 0 ? store : other;
                }
                return which.subjects().insert(s, new Commit(List.of(transition("t-" + s.key() + "-"
                        + Thread.currentThread().getId(), s, "NEW", "UP")), List.of(), null));
            });
            assertThat(results).containsOnlyOnce(true);
            assertThat(store.transitions().recent(s.ref(), 10)).hasSize(1);
        }
    }

    @Test
    void compareAndSetWritesItsCommitAtomically() {
        StoredSubject a = subject("service", "/shop/db", "db", Map.of("path", "/shop/db"), "UP", T0);
        store.subjects().insert(a, Commit.NONE);
        StoredSubject b = a.next("db", a.labels(), "DOWN", T0.plusSeconds(60), a.spec(), "{\"n\":1}", T0.plusSeconds(1));
        Transition t = transition("t1", b, "UP", "DOWN");
        OutboxEntry e = OutboxEntry.pending("t1:ops", "ops", "#alerts", t);
        IdempotencyRecord idem = new IdempotencyRecord("push:1", "k1", "h", 200, "{\"ok\":true}", T0);
        assertThat(store.subjects().compareAndSet(b, new Commit(List.of(t), List.of(e), idem))).isTrue();
        assertThat(store.subjects().find(a.ref())).contains(b);
        assertThat(store.transitions().recent(a.ref(), 10)).containsExactly(t);
        assertThat(store.outbox().find("t1:ops")).contains(e);
        assertThat(store.idempotency().find("push:1", "k1")).contains(idem);
        // a stale version writes nothing
        StoredSubject stale = a.next("db", a.labels(), "UP", null, a.spec(), "{}", T0.plusSeconds(2));
        Transition t2 = transition("t2", stale, "UP", "UP");
        assertThat(other.subjects().compareAndSet(stale, new Commit(List.of(t2),
                List.of(OutboxEntry.pending("t2:ops", "ops", null, t2)), null))).isFalse();
        assertThat(store.subjects().find(a.ref())).contains(b);
        assertThat(store.transitions().recent(a.ref(), 10)).containsExactly(t);
        assertThat(store.outbox().find("t2:ops")).isEmpty();
        // a write whose idempotency key was taken writes nothing (the request was answered elsewhere)
        StoredSubject c = b.next("db", b.labels(), "UP", null, b.spec(), "{}", T0.plusSeconds(3));
        assertThat(store.subjects().compareAndSet(c, new Commit(List.of(), List.of(),
                new IdempotencyRecord("push:1", "k1", "h2", 500, "", T0)))).isFalse();
        assertThat(store.subjects().find(a.ref())).contains(b);
        assertThat(store.idempotency().find("push:1", "k1")).contains(idem);
        // an outbox entry that exists already is left as it is, as the memory store does
        OutboxEntry again = OutboxEntry.pending("t1:ops", "other", null, t);
        assertThat(store.subjects().compareAndSet(c, new Commit(List.of(), List.of(again), null))).isTrue();
        assertThat(store.subjects().find(a.ref())).contains(c);
        assertThat(store.outbox().find("t1:ops")).contains(e);
        // a gone subject
        assertThat(store.subjects().compareAndSet(subject("service", "gone", "g", Map.of(), "UP", null)
                .next("g", Map.of(), "UP", null, "{}", "{}", T0), Commit.NONE)).isFalse();
    }

    @Test
    void renamingOntoAnotherNameIsRefused() {
        StoredSubject a = subject("push_monitor", "1", "a", Map.of(), "UP", null);
        store.subjects().insert(a, Commit.NONE);
        store.subjects().insert(subject("push_monitor", "2", "b", Map.of(), "UP", null), Commit.NONE);
        assertThatThrownBy(() -> store.subjects().compareAndSet(a.next("b", Map.of(), "UP", null, "{}", "{}", T0),
                Commit.NONE)).isInstanceOf(DuplicateNameException.class);
        assertThat(store.subjects().compareAndSet(a.next("c", Map.of(), "UP", null, "{}", "{}", T0), Commit.NONE))
                .isTrue();
    }

    @Test
    void concurrentCompareAndSetsOfOneVersionWinOnce() throws Exception {
        List<StoredSubject> subjects = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            StoredSubject s = subject("push_monitor", Integer.toString(i), "m" + i, Map.of(), "UP", null);
            store.subjects().insert(s, Commit.NONE);
            subjects.add(s);
        }
        // every subject gets two writers of the same version: one wins
        int[] n = {0};
        List<Boolean> results = race(8, () -> {
            int wins = 0;
            for (StoredSubject s : subjects) {
                int mine;
                synchronized (n) {
                    mine = n[0]++;
                }
                JdbcStore which = mine % 2 == 0 ? store : other;
                StoredSubject next = s.next(s.name(), Map.of("w", Integer.toString(mine)), "DOWN", null, s.spec(),
                        "{\"w\":" + mine + "}", T0);
                if (which.subjects().compareAndSet(next, new Commit(List.of(transition("t" + mine, next, "UP",
                        "DOWN")), List.of(), null))) {
                    wins++;
                }
            }
            return wins > 0;
        });
        assertThat(results).isNotEmpty();
        for (StoredSubject s : subjects) {
            StoredSubject now = store.subjects().find(s.ref()).orElseThrow();
            assertThat(now.version()).isEqualTo(2);
            assertThat(store.transitions().recent(s.ref(), 10)).hasSize(1);
            // the label rows follow the winner
            assertThat(store.subjects().list(new SubjectQuery("push_monitor", Map.of("w", Set.of(now.labels()
                    .get("w"))), Map.of(), Set.of(), null, 100))).extracting(StoredSubject::ref).contains(s.ref());
        }
    }

    @Test
    void concurrentCompareAndSetsShareCommits() throws Exception {
        int threads = 16;
        int writes = 10;
        for (int t = 0; t < threads; t++) {
            store.subjects().insert(subject("push_monitor", "g" + t, "g" + t, Map.of(), "UP", null), Commit.NONE);
        }
        GroupCommitter<JdbcSubjectStore.Write> group = ((JdbcSubjectStore) store.subjects()).group();
        long batchesBefore = group.batches();
        int[] n = {0};
        race(threads, () -> {
            int mine;
            synchronized (n) {
                mine = n[0]++;
            }
            SubjectRef ref = SubjectRef.of("push_monitor", "g" + mine);
            for (int i = 0; i < writes; i++) {
                StoredSubject s = store.subjects().find(ref).orElseThrow();
                StoredSubject next = s.next(s.name(), s.labels(), "UP", T0.plusSeconds(i), s.spec(),
                        "{\"n\":" + (i + 1) + "}", T0.plusSeconds(i));
                Transition t = transition("t-" + mine + "-" + i, next, "UP", "UP");
                // acknowledged only after the shared transaction committed: visible at once, to another instance
                assertThat(store.subjects().compareAndSet(next, new Commit(List.of(t), List.of(), null))).isTrue();
                assertThat(other.subjects().find(ref).orElseThrow().version()).isEqualTo(next.version());
            }
            return null;
        });
        for (int t = 0; t < threads; t++) {
            SubjectRef ref = SubjectRef.of("push_monitor", "g" + t);
            assertThat(store.subjects().find(ref).orElseThrow().version()).isEqualTo(1 + writes);
            assertThat(store.transitions().recent(ref, 100)).hasSize(writes);
        }
        assertThat(group.batches() - batchesBefore).isLessThan((long) threads * writes); // some writes shared one
    }

    @Test
    void listFiltersAndPages() {
        store.subjects().insert(subject("service", "/a/x", "ax", Map.of("path", "/a/x", "team", "red"), "UP", null),
                Commit.NONE);
        store.subjects().insert(subject("service", "/a_y", "ay", Map.of("path", "/a_y", "team", "blue"), "DOWN", null),
                Commit.NONE);
        store.subjects().insert(subject("service", "/a%z", "az", Map.of("path", "/a%z", "team", "red"), "DOWN", null),
                Commit.NONE);
        store.subjects().insert(subject("service", "/ab", "ab", Map.of("path", "/ab"), "UP", null), Commit.NONE);
        store.subjects().insert(subject("service", "B", "b", Map.of(), "UP", null), Commit.NONE);
        store.subjects().insert(subject("other", "/a/x", "ax", Map.of("path", "/a/x"), "UP", null), Commit.NONE);

        assertThat(keys(SubjectQuery.all("service", 100))).containsExactly("/a%z", "/a/x", "/a_y", "/ab", "B");
        assertThat(keys(new SubjectQuery("service", Map.of(), Map.of("path", "/a_"), Set.of(), null, 100)))
                .containsExactly("/a_y");
        assertThat(keys(new SubjectQuery("service", Map.of(), Map.of("path", "/a%"), Set.of(), null, 100)))
                .containsExactly("/a%z");
        assertThat(keys(new SubjectQuery("service", Map.of(), Map.of("path", "/a"), Set.of(), null, 100)))
                .containsExactly("/a%z", "/a/x", "/a_y", "/ab");
        assertThat(keys(new SubjectQuery("service", Map.of("team", Set.of("red", "blue")), Map.of(), Set.of("DOWN"),
                null, 100))).containsExactly("/a%z", "/a_y");
        assertThat(keys(new SubjectQuery("service", Map.of("team", Set.of("red")), Map.of("path", "/a/"), Set.of(),
                null, 100))).containsExactly("/a/x");
        // keyset paging
        List<String> seen = new ArrayList<>();
        SubjectQuery q = SubjectQuery.all("service", 2);
        while (true) {
            List<String> page = keys(q);
            seen.addAll(page);
            if (page.size() < 2) {
                break;
            }
            q = q.after(page.get(page.size() - 1));
        }
        assertThat(seen).containsExactly("/a%z", "/a/x", "/a_y", "/ab", "B");
    }

    private List<String> keys(SubjectQuery q) {
        return store.subjects().list(q).stream().map(StoredSubject::key).toList();
    }

    @Test
    void claimDueLeasesWhatIsDueAcrossKindsAndAWriteEndsTheClaim() {
        StoredSubject a = subject("push_monitor", "1", "a", Map.of(), "UP", T0);
        StoredSubject b = subject("heartbeat", "hb", "b", Map.of(), "UP", T0.plusSeconds(10));
        StoredSubject c = subject("task", "later", "c", Map.of(), "UP", T0.plusSeconds(3600));
        StoredSubject d = subject("task", "never", "d", Map.of(), "UP", null);
        for (StoredSubject s : List.of(a, b, c, d)) {
            store.subjects().insert(s, Commit.NONE);
        }
        assertThat(store.subjects().earliestDue()).contains(T0);
        Instant now = T0.plusSeconds(10);
        assertThat(store.subjects().claimDue(now, LEASE, 10)).containsExactly(a, b);
        assertThat(other.subjects().claimDue(now, LEASE, 10)).isEmpty(); // held
        assertThat(store.subjects().earliestDue()).contains(now.plus(LEASE));
        // a write ends the claim
        StoredSubject a2 = a.next("a", Map.of(), "DOWN", T0.plusSeconds(100), "{}", "{}", now);
        assertThat(store.subjects().compareAndSet(a2, Commit.NONE)).isTrue();
        // b's lease runs out: claimable again
        Instant later = now.plus(LEASE).plusSeconds(1);
        assertThat(other.subjects().claimDue(later, LEASE, 10)).extracting(StoredSubject::key).containsExactly("hb");
        // hb's second lease ran out unwritten (the claimer died, say): due again, before a's new deadline
        assertThat(other.subjects().claimDue(T0.plusSeconds(100), LEASE, 10)).extracting(StoredSubject::key)
                .containsExactly("hb", "1");
        assertThat(store.subjects().claimDue(T0.plusSeconds(100), LEASE, 10)).isEmpty();
    }

    @Test
    void anExpiredLeaseOverAFutureDeadlineIsNotDue() {
        StoredSubject a = subject("push_monitor", "1", "a", Map.of(), "UP", T0);
        store.subjects().insert(a, Commit.NONE);
        assertThat(store.subjects().claimDue(T0, LEASE, 10)).hasSize(1);
        // the claimer writes a later deadline; once that claim's lease would have ended, nothing is due
        StoredSubject a2 = a.next("a", Map.of(), "UP", T0.plusSeconds(3600), "{}", "{}", T0);
        store.subjects().compareAndSet(a2, Commit.NONE);
        assertThat(store.subjects().claimDue(T0.plus(LEASE).plusSeconds(1), LEASE, 10)).isEmpty();
        assertThat(store.subjects().earliestDue()).contains(T0.plusSeconds(3600));
    }

    @Test
    void deleteTakesHistoryAndFeedsTheChanges() {
        StoredSubject a = subject("push_monitor", "1", "a", Map.of("group", "g"), "UP", T0);
        store.subjects().insert(a, new Commit(List.of(transition("t1", a, "NEW", "UP")), List.of(), null));
        StoredSubject a2 = a.next("a", Map.of("group", "h"), "DOWN", null, "{}", "{}", T0.plusSeconds(5));
        store.subjects().compareAndSet(a2, Commit.NONE);
        assertThat(store.subjects().delete(a.ref(), T0)).isTrue();
        assertThat(store.subjects().delete(a.ref(), T0)).isFalse();
        assertThat(store.subjects().find(a.ref())).isEmpty();
        assertThat(store.transitions().recent(a.ref(), 10)).isEmpty();
        assertThat(store.subjects().list(new SubjectQuery("push_monitor", Map.of("group", Set.of("h")), Map.of(),
                Set.of(), null, 10))).isEmpty();
        List<SubjectChange> changes = other.subjects().changesSince(0, 100);
        assertThat(changes).extracting(SubjectChange::version).containsExactly(1L, 2L, 2L);
        assertThat(changes).extracting(SubjectChange::deleted).containsExactly(false, false, true);
        assertThat(changes.get(1).at()).isEqualTo(T0.plusSeconds(5));
        assertThat(other.subjects().changesSince(changes.get(0).seq(), 1)).containsExactly(changes.get(1));
        // the name is free again
        assertThat(store.subjects().insert(subject("push_monitor", "2", "a", Map.of(), "UP", null), Commit.NONE))
                .isTrue();
    }

    @Test
    void aLastKnownSubjectMayBeStaleButAWriteFromItFailsAndIsReadAgain() {
        StoredSubject a = subject("push_monitor", "1", "a", Map.of(), "UP", null);
        assertThat(store.subjects().insert(a, Commit.NONE)).isTrue();
        assertThat(store.subjects().findLastKnown(a.ref())).contains(a);
        assertThat(other.subjects().findLastKnown(a.ref())).contains(a); // not known there yet: read
        StoredSubject byOther = a.next("a", Map.of(), "DOWN", null, a.spec(), "{\"n\":1}", T0.plusSeconds(1));
        assertThat(other.subjects().compareAndSet(byOther, Commit.NONE)).isTrue();

        // this instance still knows version 1 (no read); its write from it fails, and it forgets it
        StoredSubject known = store.subjects().findLastKnown(a.ref()).orElseThrow();
        assertThat(known.version()).isEqualTo(1);
        assertThat(store.subjects().compareAndSet(known.next("a", Map.of(), "UP", null, a.spec(), "{\"n\":9}",
                T0.plusSeconds(2)), Commit.NONE)).isFalse();
        assertThat(store.subjects().findLastKnown(a.ref())).contains(byOther);
        assertThat(store.subjects().find(a.ref())).contains(byOther);

        // deleted by the other instance: a write from what this one knows fails, then nothing is known
        assertThat(other.subjects().delete(a.ref(), T0.plusSeconds(3))).isTrue();
        StoredSubject stale = store.subjects().findLastKnown(a.ref()).orElseThrow();
        assertThat(store.subjects().compareAndSet(stale.next("a", Map.of(), "UP", null, a.spec(), "{}",
                T0.plusSeconds(4)), Commit.NONE)).isFalse();
        assertThat(store.subjects().findLastKnown(a.ref())).isEmpty();
    }

    @Test
    void pushesThroughTwoInstancesSeeEachOthersWrites() {
        ManualClock clock = ManualClock.at(T0.toString());
        Vigil a = Vigil.builder().store(store).clock(clock).build();
        Vigil b = Vigil.builder().store(other).clock(clock).build();
        CreatedMonitor m = a.monitors().create(PushMonitorSpec.named("nightly").expectedInterval(Duration.ofHours(1)));
        assertThat(a.monitors().push(m.id(), m.secret(), Payload.EMPTY).isAccepted()).isTrue();
        assertThat(b.monitors().push(m.id(), m.secret(), Payload.EMPTY).isAccepted()).isTrue();
        // a knows the monitor as it wrote it, before b's push: its push still counts b's
        assertThat(a.monitors().push(m.id(), m.secret(), Payload.EMPTY).isAccepted()).isTrue();
        assertThat(b.monitors().get(m.id()).orElseThrow().pushCount()).isEqualTo(3);

        // b rotates the secret: a, which last saw the old one, takes the new one and refuses the old
        String rotated = b.monitors().rotateSecret(m.id());
        assertThat(a.monitors().push(m.id(), rotated, Payload.EMPTY).isAccepted()).isTrue();
        String again = b.monitors().rotateSecret(m.id());
        assertThat(a.monitors().push(m.id(), rotated, Payload.EMPTY).outcome())
                .isEqualTo(PushResult.Outcome.INVALID_SECRET);
        assertThat(a.monitors().get(m.id()).orElseThrow().pushCount()).isEqualTo(4);

        // b deletes it: a, which still knows it with its current secret, finds it gone
        assertThat(b.monitors().delete(m.id())).isTrue();
        assertThat(a.monitors().push(m.id(), again, Payload.EMPTY).outcome())
                .isEqualTo(PushResult.Outcome.MONITOR_NOT_FOUND);
    }

    @Test
    void theChangeFeedIsTrimmedToItsNewestEntries() {
        for (int i = 0; i < 5; i++) {
            store.subjects().insert(subject("task", "k" + i, "n" + i, Map.of(), "UP", null), Commit.NONE);
        }
        List<SubjectChange> all = store.subjects().changesSince(0, 100);
        assertThat(((JdbcSubjectStore) store.subjects()).pruneChanges(2)).isEqualTo(3);
        assertThat(store.subjects().changesSince(0, 100)).containsExactlyElementsOf(all.subList(3, 5));
        assertThat(((JdbcSubjectStore) store.subjects()).pruneChanges(2)).isZero();
    }

    private void pending(String id) {
        StoredSubject s = subject("push_monitor", id, "m" + id, Map.of(), "UP", null);
        Transition t = transition("t" + id, s, "UP", "DOWN");
        store.subjects().insert(s, new Commit(List.of(t), List.of(OutboxEntry.pending(id, "ops", null, t)), null));
    }

    @Test
    void outboxClaimsAreFencedByTheirToken() {
        pending("e1");
        List<OutboxEntry> first = store.outbox().claim(T0, LEASE, 10);
        assertThat(first).singleElement().satisfies(e -> assertThat(e.claimToken()).isNotNull());
        String t1 = first.get(0).claimToken();
        assertThat(other.outbox().claim(T0.plusSeconds(1), LEASE, 10)).isEmpty();
        assertThat(store.outbox().renew("e1", t1, T0.plusSeconds(60))).isTrue();
        assertThat(other.outbox().claim(T0.plusSeconds(45), LEASE, 10)).isEmpty();
        // the lease runs out; another instance takes over with a new token
        List<OutboxEntry> second = other.outbox().claim(T0.plusSeconds(61), LEASE, 10);
        String t2 = second.get(0).claimToken();
        assertThat(t2).isNotEqualTo(t1);
        assertThat(store.outbox().markDelivered("e1", t1, T0.plusSeconds(62))).isFalse();
        assertThat(store.outbox().renew("e1", t1, T0.plusSeconds(99))).isFalse();
        assertThat(other.outbox().reschedule("e1", t2, T0.plusSeconds(120), "HTTP 500")).isTrue();
        assertThat(other.outbox().reschedule("e1", t2, T0.plusSeconds(120), "again")).isFalse(); // claim ended
        OutboxEntry e = store.outbox().find("e1").orElseThrow();
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.lastError()).isEqualTo("HTTP 500");
        assertThat(e.nextAttemptAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(store.outbox().earliestDue()).contains(T0.plusSeconds(120));
        assertThat(store.outbox().claim(T0.plusSeconds(119), LEASE, 10)).isEmpty();
        String t3 = store.outbox().claim(T0.plusSeconds(120), LEASE, 10).get(0).claimToken();
        assertThat(store.outbox().markFailed("e1", t3, T0.plusSeconds(121), "HTTP 400")).isTrue();
        assertThat(store.outbox().count(OutboxStatus.FAILED)).isEqualTo(1);
        assertThat(store.outbox().earliestDue()).isEmpty();
        assertThat(store.outbox().requeue("e1", T0.plusSeconds(200))).isTrue();
        assertThat(store.outbox().requeue("e1", T0.plusSeconds(200))).isFalse();
        String t4 = store.outbox().claim(T0.plusSeconds(200), LEASE, 10).get(0).claimToken();
        assertThat(store.outbox().markDelivered("e1", t4, T0.plusSeconds(201))).isTrue();
        OutboxEntry done = store.outbox().find("e1").orElseThrow();
        assertThat(done.status()).isEqualTo(OutboxStatus.DELIVERED);
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(done.deliveredAt()).isEqualTo(T0.plusSeconds(201));
        assertThat(store.outbox().markDelivered("e1", t4, T0.plusSeconds(202))).isFalse();
    }

    @Test
    void concurrentOutboxClaimsNeverShareAnEntry() throws Exception {
        for (int i = 0; i < 40; i++) {
            pending("c" + i);
        }
        int[] n = {0};
        List<List<OutboxEntry>> claims = new ArrayList<>(race(4, () -> {
            JdbcStore which;
            synchronized (n) {
                which = n[0]++ % 2 == 0 ? store : other;
            }
            List<OutboxEntry> mine = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                mine.addAll(which.outbox().claim(T0, LEASE, 3));
            }
            return mine;
        }));
        // SKIP LOCKED may pass over rows another claim is locking: what is left is claimed afterwards, once
        claims.add(store.outbox().claim(T0, LEASE, 100));
        Set<String> ids = new HashSet<>();
        int total = 0;
        for (List<OutboxEntry> c : claims) {
            total += c.size();
            c.forEach(e -> ids.add(e.id()));
        }
        assertThat(total).isEqualTo(40);
        assertThat(ids).hasSize(40);
    }

    @Test
    void recordsAppendQueryAndPrune() {
        AppendedRecord r1 = new AppendedRecord("event", "1", "app", T0, "deploy", "{\"v\":1}");
        AppendedRecord r2 = new AppendedRecord("event", "2", "app", T0.plusSeconds(1), "crash", "{}");
        AppendedRecord r3 = new AppendedRecord("event", "3", "app", T0.plusSeconds(1), null, "{}");
        AppendedRecord r4 = new AppendedRecord("event", "4", "other", T0.plusSeconds(2), "deploy", "{}");
        AppendedRecord s1 = new AppendedRecord("sample", "1", "app", T0, null, "{}");
        store.records().append(List.of(r1, r2, r3, r4, s1));
        store.records().append(List.of(new AppendedRecord("event", "1", "x", T0, null, "changed"), r1));
        assertThat(store.records().find("event", "1")).contains(r1);
        Instant to = T0.plusSeconds(10);
        assertThat(store.records().query(new RecordQuery("event", null, null, T0, to, null, 100)))
                .containsExactly(r4, r3, r2, r1);
        assertThat(store.records().query(new RecordQuery("event", "app", null, T0, to, null, 100)))
                .containsExactly(r3, r2, r1);
        assertThat(store.records().query(new RecordQuery("event", null, "deploy", T0, to, null, 100)))
                .containsExactly(r4, r1);
        assertThat(store.records().query(new RecordQuery("event", null, null, T0, to, r3, 2))).containsExactly(r2, r1);
        assertThat(store.records().query(new RecordQuery("event", null, null, T0, T0.plusSeconds(1), null, 100)))
                .containsExactly(r1);
        assertThat(store.records().prune("event", T0.plusSeconds(1))).isEqualTo(1);
        assertThat(store.records().find("event", "1")).isEmpty();
        assertThat(store.records().find("sample", "1")).contains(s1);
    }

    @Test
    void rollupsAddUp() throws Exception {
        Instant bucket = T0;
        race(4, () -> {
            for (int i = 0; i < 10; i++) {
                store.records().addToRollup("metric", "app", bucket, Map.of("count", 1.0, "sum", 0.5));
            }
            return null;
        });
        other.records().addToRollup("metric", "app", bucket.plusSeconds(60), Map.of("count", 2.0));
        assertThat(store.records().rollups("metric", "app", T0, T0.plusSeconds(120))).containsExactly(
                new Rollup("metric", "app", bucket, Map.of("count", 40.0, "sum", 20.0)),
                new Rollup("metric", "app", bucket.plusSeconds(60), Map.of("count", 2.0)));
        assertThat(store.records().rollups("metric", "app", T0.plusSeconds(1), T0.plusSeconds(60))).isEmpty();
        store.records().prune("metric", T0.plusSeconds(60));
        assertThat(store.records().rollups("metric", "app", T0, T0.plusSeconds(120))).hasSize(1);
    }

    @Test
    void idempotencyRecords() {
        IdempotencyRecord r = new IdempotencyRecord("s", "k", "hash", 201, "{\"id\":1}", T0);
        assertThat(store.idempotency().insert(r)).isTrue();
        assertThat(other.idempotency().insert(new IdempotencyRecord("s", "k", "other", 200, "", T0))).isFalse();
        assertThat(store.idempotency().find("s", "k")).contains(r);
        assertThat(store.idempotency().find("s", "x")).isEmpty();
        assertThat(store.idempotency().prune(T0)).isZero();
        assertThat(store.idempotency().prune(T0.plusMillis(1))).isEqualTo(1);
    }

    @Test
    void theWatermarkOnlyMovesForwardAndGapsAreShared() {
        assertThat(store.watermark().lastEvaluated()).isEmpty();
        store.watermark().evaluated(T0.plusSeconds(10));
        other.watermark().evaluated(T0);
        assertThat(store.watermark().lastEvaluated()).contains(T0.plusSeconds(10));
        store.watermark().addGap(new Gap(T0, T0.plusSeconds(60)));
        other.watermark().addGap(new Gap(T0.plusSeconds(100), T0.plusSeconds(200)));
        assertThat(other.watermark().gaps(T0)).containsExactly(new Gap(T0, T0.plusSeconds(60)),
                new Gap(T0.plusSeconds(100), T0.plusSeconds(200)));
        assertThat(store.watermark().gaps(T0.plusSeconds(61))).containsExactly(
                new Gap(T0.plusSeconds(100), T0.plusSeconds(200)));
    }

    @Test
    void sequencesNeverRepeat() throws Exception {
        int[] n = {0};
        List<List<Long>> ids = race(4, () -> {
            JdbcStore which;
            synchronized (n) {
                which = n[0]++ % 2 == 0 ? store : other;
            }
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                mine.add(which.nextId("push_monitor"));
            }
            return mine;
        });
        Set<Long> all = new HashSet<>();
        ids.forEach(all::addAll);
        assertThat(all).hasSize(100).contains(1L, 100L);
        assertThat(store.nextId("other")).isEqualTo(1);
    }
}
