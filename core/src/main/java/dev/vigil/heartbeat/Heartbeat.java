package dev.vigil.heartbeat;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A heartbeat as Vigil knows it now.
 *
 * @param id          the 32-hex id (see {@link Heartbeats})
 * @param spec        its pattern, interval and quorum
 * @param status      {@code OK} or {@code ALERT}
 * @param lastMatchAt when a signal last matched, as last written (matches are written at the evaluator's next step)
 * @param sources     with a quorum: the distinct values of the source field that matched within the interval
 * @param deadline    when it alerts unless a signal matches first; null while it alerts
 */
public record Heartbeat(
        String id,
        HeartbeatSpec spec,
        String status,
        @Nullable Instant lastMatchAt,
        List<String> sources,
        @Nullable Instant deadline,
        Instant createdAt) {

    /** No alarm: signals matched within the interval (or its first interval has not passed). */
    public static final String OK = "OK";
    /** Alarm: no (or too few distinct) matching signals within the interval. */
    public static final String ALERT = "ALERT";

    public Heartbeat {
        sources = List.copyOf(sources);
    }
}
