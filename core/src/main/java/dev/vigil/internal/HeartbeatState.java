package dev.vigil.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The evaluated state of a heartbeat, as {@link HeartbeatKind} keeps it. Times are epoch milliseconds.
 *
 * @param status      {@code OK} or {@code ALERT}
 * @param anchor      the interval counts from here at the earliest: the heartbeat's creation, or the end of a gap in
 *                    Vigil's evaluation (a new heartbeat gets one full interval first)
 * @param lastMatchAt the latest matching signal written, null before the first
 * @param sources     with a quorum: source-field value to the latest match of that value (only those that can still
 *                    count, at most {@link dev.vigil.heartbeat.HeartbeatSpec#MAX_SOURCES})
 * @param matches     how many matches were written (coalesced matches count each)
 */
public record HeartbeatState(String status, long anchor, @Nullable Long lastMatchAt, Map<String, Long> sources,
        long matches) {

    public HeartbeatState {
        sources = Map.copyOf(sources);
    }

    static HeartbeatState initial(long now) {
        return new HeartbeatState(dev.vigil.heartbeat.Heartbeat.OK, now, null, Map.of(), 0);
    }
}
