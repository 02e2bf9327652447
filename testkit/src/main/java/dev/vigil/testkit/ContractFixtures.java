package dev.vigil.testkit;

import dev.vigil.model.Decision;
import dev.vigil.model.Severity;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Transition;
import dev.vigil.model.TransitionType;
import dev.vigil.spi.Commit;
import dev.vigil.spi.IdempotencyRecord;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.StoredSubject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Values the store contract tests build. Kinds are made-up names: a store never reads a subject's spec or state,
 * so the contract does not need real kinds. Every instant has millisecond precision, the precision stores keep.
 */
public final class ContractFixtures {
    /** The contract tests' "now". */
    public static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");
    /** A made-up kind. */
    public static final String KIND = "test_kind";
    /** Another made-up kind. */
    public static final String OTHER_KIND = "other_kind";

    private ContractFixtures() {
    }

    /** A fresh unique id. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static SubjectRef ref(String key) {
        return SubjectRef.of(KIND, key);
    }

    /** A version-1 subject with every field set; spec and state are opaque text as far as the store goes. */
    public static StoredSubject subject(String kind, String key, String name, Map<String, String> labels,
            String status, @Nullable Instant dueAt) {
        return new StoredSubject(SubjectRef.of(kind, key), 1, name, labels, status, dueAt,
                "{\"spec\":\"" + key + "\",\"interval\":60,\"tags\":[\"a\",\"\\u00e9\"]}",
                "{\"state\":\"" + status + "\",\"n\":1}", T0, T0);
    }

    /** A version-1 subject of {@link #KIND} named {@code name-<key>}, status {@code UP}, no labels. */
    public static StoredSubject subject(String key, @Nullable Instant dueAt) {
        return subject(KIND, key, "name-" + key, Map.of(), "UP", dueAt);
    }

    /** The next version of {@code s} with a new state and {@code dueAt}, written at {@code at}. */
    public static StoredSubject next(StoredSubject s, @Nullable Instant dueAt, Instant at) {
        return s.next(s.name(), s.labels(), s.status(), dueAt, s.spec(), "{\"n\":" + (s.version() + 1) + "}", at);
    }

    /** The next version of {@code s}, same deadline, written at {@code T0}. */
    public static StoredSubject next(StoredSubject s) {
        return next(s, s.dueAt(), T0);
    }

    /** The next version of {@code s} renamed. */
    public static StoredSubject renamed(StoredSubject s, String name) {
        return s.next(name, s.labels(), s.status(), s.dueAt(), s.spec(), s.state(), T0);
    }

    /** A transition of {@code ref} at {@code at} with every field set. */
    public static Transition transition(SubjectRef ref, Instant at) {
        return transition(ref, at, TransitionType.CHANGE, "UP", "DOWN", Severity.CRITICAL);
    }

    public static Transition transition(SubjectRef ref, Instant at, TransitionType type, String from, String to,
            Severity severity) {
        return new Transition(newId(), ref, "name-" + ref.key(), "health", type, from, to, severity, at,
                "no push since " + at.minusSeconds(60) + " \u2013 expected by " + at,
                Map.of("kind", ref.kind(), "key", ref.key(), "from", from, "to", to, "severity",
                        severity.wireName(), "aspect", "health", "group", "Backups"),
                Decision.SENT, "sent to ops");
    }

    /** A pending entry for the named channel {@code ops}. */
    public static OutboxEntry entry(Transition t) {
        return OutboxEntry.pending(newId(), "ops", null, t);
    }

    public static IdempotencyRecord idempotency(String scope, String key, Instant at) {
        return new IdempotencyRecord(scope, key, "sha256:" + key, 201, "{\"ok\":true,\"key\":\"" + key + "\"}", at);
    }

    /** A commit with one transition, its outbox entry and an idempotency record. */
    public static Commit fullCommit(SubjectRef ref, Instant at) {
        Transition t = transition(ref, at);
        return new Commit(List.of(t), List.of(entry(t)), idempotency("test", newId(), at));
    }

    /**
     * Asserts an {@code earliestDue()} answer: the SPI lets it be early (a store may keep its index lazily), never
     * later than {@code expected}.
     */
    public static void assertDueNoLaterThan(java.util.Optional<Instant> earliestDue, Instant expected) {
        org.assertj.core.api.Assertions.assertThat(earliestDue).as("earliestDue").hasValueSatisfying(
                at -> org.assertj.core.api.Assertions.assertThat(at).isBeforeOrEqualTo(expected));
    }

    /**
     * Runs {@code task} on {@code threads} threads released at the same moment and returns their results in thread
     * order. A task's exception fails the call.
     */
    public static <T> List<T> race(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
