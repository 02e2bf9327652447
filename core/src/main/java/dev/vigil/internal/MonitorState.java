package dev.vigil.internal;

import dev.vigil.monitor.MonitorStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The evaluated state of a push monitor, as its kind keeps it (encoded by {@link PushMonitorKind}).
 *
 * @param expectedBy    the deadline for the next push ({@code next_expected_by}); DOWN strictly after it
 * @param runningSince  when a run signalled {@code start} and has not finished yet
 * @param pushCount     accepted pushes since the monitor was created
 * @param remindersSent repeat notifications sent during the current DOWN period ({@code repeat_every})
 * @param secretHash    the push secret's hash ({@code sha256:...}); the secret itself is never kept
 */
public record MonitorState(
        MonitorStatus status,
        Instant statusSince,
        @Nullable Instant lastPushAt,
        @Nullable Instant expectedBy,
        @Nullable Instant runningSince,
        int consecutiveFailures,
        int consecutiveSuccesses,
        long pushCount,
        @Nullable String lastPushStatus,
        @Nullable String lastPushMessage,
        int remindersSent,
        String secretHash) {

    public MonitorState withSecretHash(String hash) {
        return new MonitorState(status, statusSince, lastPushAt, expectedBy, runningSince, consecutiveFailures,
                consecutiveSuccesses, pushCount, lastPushStatus, lastPushMessage, remindersSent, hash);
    }
}
