package dev.vigil.monitor;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What became of a push. Only {@link Outcome#ACCEPTED} carries times; the other outcomes mean nothing was
 * recorded. Over HTTP they map to 200, 404, 403 and 400.
 */
public record PushResult(
        Outcome outcome,
        long monitorId,
        @Nullable Instant receivedAt,
        @Nullable Instant nextExpectedBy,
        @Nullable MonitorStatus status,
        List<String> warnings) {

    public enum Outcome {
        ACCEPTED,
        MONITOR_NOT_FOUND,
        INVALID_SECRET,
        PAYLOAD_REQUIRED
    }

    public PushResult {
        warnings = List.copyOf(warnings);
    }

    public static PushResult accepted(long id, Instant receivedAt, @Nullable Instant nextExpectedBy,
            MonitorStatus status, List<String> warnings) {
        return new PushResult(Outcome.ACCEPTED, id, receivedAt, nextExpectedBy, status, warnings);
    }

    public static PushResult rejected(Outcome outcome, long id) {
        if (outcome == Outcome.ACCEPTED) {
            throw new IllegalArgumentException("use accepted(...) for accepted pushes");
        }
        return new PushResult(outcome, id, null, null, null, List.of());
    }

    public boolean isAccepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
