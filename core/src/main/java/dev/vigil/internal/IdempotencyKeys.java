package dev.vigil.internal;

import dev.vigil.idempotency.Idempotency;
import dev.vigil.spi.IdempotencyRecord;
import dev.vigil.spi.IdempotencyStore;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@link Idempotency} on the store's idempotency records. While an action runs, the key is the current thread's:
 * the engine puts a pending record into the first subject write the action makes, atomically with it (and that write
 * fails if the key was taken meanwhile, by a racing retry on this or another instance). When the action answers,
 * the record is completed with the answer, or inserted with it if the action wrote nothing.
 */
public final class IdempotencyKeys implements Idempotency {
    private static final ThreadLocal<Current> CURRENT = new ThreadLocal<>();
    /** Expired records are pruned every this many keyed requests (and whenever an expired one is met). */
    private static final long PRUNE_EVERY = 1000;
    private static final int MAX_SCOPE_LENGTH = 1000;
    /** What an {@code Idempotency-Key} may be: 1 to 255 visible ASCII characters. */
    public static final Pattern KEY_FORMAT = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final IdempotencyStore store;
    private final InstantSource clock;
    private final AtomicLong runs = new AtomicLong();

    /** The key of the request running on this thread. */
    private static final class Current {
        final String scope;
        final String key;
        final String requestHash;
        boolean written;

        Current(String scope, String key, String requestHash) {
            this.scope = scope;
            this.key = key;
            this.requestHash = requestHash;
        }
    }

    /** A write could not take the key: a request with it answered, or is answering, elsewhere. */
    public static final class KeyTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeyTaken() {
            super("the idempotency key was taken by a racing request", null, false, false);
        }
    }

    public IdempotencyKeys(IdempotencyStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The pending record the next subject write on this thread carries, or null (called by the engine). */
    static @Nullable IdempotencyRecord pendingFor(Instant now) {
        Current c = CURRENT.get();
        return c == null || c.written ? null
                : new IdempotencyRecord(c.scope, c.key, c.requestHash, IdempotencyRecord.PENDING, "", now);
    }

    /**
     * With a key on this thread, a number that names part of the request and is the same when the request is retried
     * with the key: records appended under ids made from it are appended once (the store ignores ids it has), even
     * when the first attempt's instance stopped before it answered.
     */
    static OptionalLong stableNumber(String part) {
        Current c = CURRENT.get();
        if (c == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(ByteBuffer.wrap(Secrets.sha256(c.scope + '\n' + c.key + '\n' + part)).getLong());
    }

    /** The engine wrote {@code record} (from {@link #pendingFor}) with a change. */
    static void written(IdempotencyRecord record) {
        Current c = CURRENT.get();
        if (c != null && c.scope.equals(record.scope()) && c.key.equals(record.key())) {
            c.written = true;
        }
    }

    /** A write carrying {@code record} failed: if the key exists now, a racing request has it, and this one stops. */
    static void checkTaken(IdempotencyStore store, IdempotencyRecord record) {
        if (store.find(record.scope(), record.key()).isPresent()) {
            throw new KeyTaken();
        }
    }

    @Override
    public <R> Outcome<R> run(String scope, String key, String requestHash, Supplier<R> action,
            Function<R, Answer> answer) {
        if (scope.isEmpty() || scope.length() > MAX_SCOPE_LENGTH) {
            throw new IllegalArgumentException("an idempotency scope is 1 to " + MAX_SCOPE_LENGTH
                    + " characters, got " + scope.length());
        }
        if (!KEY_FORMAT.matcher(key).matches()) {
            throw new IllegalArgumentException("an idempotency key is 1 to 255 visible ASCII characters");
        }
        Objects.requireNonNull(requestHash, "requestHash");
        if (CURRENT.get() != null) {
            throw new IllegalStateException("idempotent requests do not nest");
        }
        Instant now = clock.instant();
        if (runs.incrementAndGet() % PRUNE_EVERY == 0) {
            store.prune(now.minus(RETENTION));
        }
        Optional<IdempotencyRecord> seen = store.find(scope, key);
        if (seen.isPresent() && seen.get().at().isBefore(now.minus(RETENTION))) {
            store.prune(now.minus(RETENTION)); // expired: the key is free again
            seen = store.find(scope, key);
        }
        if (seen.isPresent()) {
            return earlier(seen.get(), requestHash);
        }
        Current current = new Current(scope, key, requestHash);
        CURRENT.set(current);
        R result;
        try {
            result = action.get();
        } catch (KeyTaken taken) {
            return store.find(scope, key).<Outcome<R>>map(r -> earlier(r, requestHash)).orElseGet(InProgress::new);
        } finally {
            CURRENT.remove();
        }
        Answer a = answer.apply(result);
        IdempotencyRecord record = new IdempotencyRecord(scope, key, requestHash, a.status(),
                a.contentType() + "\n" + a.body(), now);
        if (current.written) {
            store.complete(record);
        } else if (a.status() < 500) {
            store.insert(record); // false: a racing request that changed nothing either got there first
        }
        return new Ran<>(result);
    }

    private static <R> Outcome<R> earlier(IdempotencyRecord r, String requestHash) {
        if (!r.requestHash().equals(requestHash)) {
            return new Mismatch<>();
        }
        if (r.isPending()) {
            return new InProgress<>();
        }
        String response = r.response();
        int nl = response.indexOf('\n');
        return new Replayed<>(new Answer(r.status(), nl < 0 ? "" : response.substring(0, nl),
                nl < 0 ? response : response.substring(nl + 1)));
    }
}
