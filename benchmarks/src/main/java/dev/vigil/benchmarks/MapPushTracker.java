package dev.vigil.benchmarks;

import dev.vigil.monitor.MonitorStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The push baseline: what a straightforward push tracker on a {@link ConcurrentHashMap} does per push, written
 * as fast as such code reasonably gets. Per push it
 * <ol>
 *   <li>looks up the monitor's record by id ({@code map.get}, boxing the id),</li>
 *   <li>verifies the presented secret against the record's stored SHA-256 hash (the same secrets, the same
 *       hash as Vigil's; a thread-local {@link MessageDigest}, the hash kept as raw bytes so nothing needs
 *       decoding, compared with {@link MessageDigest#isEqual}),</li>
 *   <li>puts a new immutable record with the new state: status UP, last push, next deadline
 *       (push + interval + grace), push count.</li>
 * </ol>
 * It is not atomic (get then put; a concurrent push to the same monitor can be lost), keeps no history, no
 * deadline index and no outbox, and evaluates no status: everything Vigil does beyond it is extra work, so the
 * ratio Vigil / baseline is a conservative one.
 */
public final class MapPushTracker {

    /** One monitor: definition, secret hash and state in one immutable record. */
    public record Monitor(long id, byte[] secretSha256, Duration interval, Duration grace, MonitorStatus status,
            @Nullable Instant lastPushAt, @Nullable Instant expectedBy, long pushCount) {
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final ConcurrentHashMap<Long, Monitor> monitors = new ConcurrentHashMap<>();
    private final InstantSource clock;

    public MapPushTracker(InstantSource clock) {
        this.clock = clock;
    }

    public static byte[] sha256(String secret) {
        MessageDigest md = SHA256.get();
        md.reset();
        return md.digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    public void create(long id, String secret, Duration interval, Duration grace) {
        monitors.put(id, new Monitor(id, sha256(secret), interval, grace, MonitorStatus.NO_PUSH_YET, null, null, 0));
    }

    /** Returns the new record, or null when the monitor is unknown or the secret is wrong. */
    public @Nullable Monitor push(long id, String secret) {
        Monitor m = monitors.get(id);
        if (m == null || !MessageDigest.isEqual(sha256(secret), m.secretSha256())) {
            return null;
        }
        Instant now = clock.instant();
        Monitor next = new Monitor(id, m.secretSha256(), m.interval(), m.grace(), MonitorStatus.UP, now,
                now.plus(m.interval()).plus(m.grace()), m.pushCount() + 1);
        monitors.put(id, next);
        return next;
    }

    public @Nullable Monitor get(long id) {
        return monitors.get(id);
    }

    public int size() {
        return monitors.size();
    }
}
