package dev.vigil.spi;

import dev.vigil.notify.Transition;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One notification to deliver: a transition for one channel. The id is the idempotency key and never changes.
 */
public record OutboxEntry(
        String id,
        String channel,
        Transition transition,
        OutboxStatus status,
        int attempts,
        Instant nextAttemptAt,
        @Nullable String lastError,
        Instant createdAt,
        @Nullable Instant deliveredAt) {

    /** A new pending entry, due at once. */
    public static OutboxEntry pending(String id, String channel, Transition transition) {
        return new OutboxEntry(id, channel, transition, OutboxStatus.PENDING, 0, transition.at(), null,
                transition.at(), null);
    }
}
