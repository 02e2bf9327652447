package dev.vigil.spi;

import dev.vigil.monitor.MonitorStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The evaluated state of a push monitor.
 *
 * @param expectedBy   the deadline for the next push ({@code next_expected_by}); DOWN strictly after it
 * @param nextDueAt    when the evaluator must look at this monitor next (the store's deadline index); null
 *                     when nothing can happen without a push
 * @param runningSince when a run signalled {@code start} and has not finished yet
 * @param pushCount    accepted pushes since the monitor was created
 * @param remindersSent repeat notifications sent during the current DOWN period ({@code repeat_every})
 */
public record MonitorState(
        MonitorStatus status,
        Instant statusSince,
        @Nullable Instant lastPushAt,
        @Nullable Instant expectedBy,
        @Nullable Instant nextDueAt,
        @Nullable Instant runningSince,
        int consecutiveFailures,
        int consecutiveSuccesses,
        long pushCount,
        @Nullable String lastPushStatus,
        @Nullable String lastPushMessage,
        int remindersSent) {
}
