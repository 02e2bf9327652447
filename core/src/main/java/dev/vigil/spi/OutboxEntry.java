package dev.vigil.spi;

import dev.vigil.model.Transition;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One notification to deliver: a transition for one target. The id is the idempotency key and never changes.
 *
 * @param id            the idempotency key
 * @param channel       the channel that delivers it (a named channel, or a channel type's own for subject targets)
 * @param address       where within the channel, for a target the subject carries (a Slack channel, e-mail
 *                      addresses, a webhook URL); null for a named channel's own destination
 * @param transition    what to tell
 * @param status        PENDING until delivered or failed for good
 * @param attempts      delivery attempts made so far
 * @param nextAttemptAt when it may be (re)tried
 * @param lastError     the last attempt's error
 * @param createdAt     when it was written
 * @param deliveredAt   when the receiver accepted it
 * @param claimToken    the token of the claim that holds it (set on entries returned by {@link OutboxStore#claim});
 *                      every mark must present it
 */
public record OutboxEntry(
        String id,
        String channel,
        @Nullable String address,
        Transition transition,
        OutboxStatus status,
        int attempts,
        Instant nextAttemptAt,
        @Nullable String lastError,
        Instant createdAt,
        @Nullable Instant deliveredAt,
        @Nullable String claimToken) {

    /** A new pending entry, due at once. */
    public static OutboxEntry pending(String id, String channel, @Nullable String address, Transition transition) {
        return new OutboxEntry(id, channel, address, transition, OutboxStatus.PENDING, 0, transition.at(), null,
                transition.at(), null, null);
    }

    /** Where it goes: its channel and, when the subject carries its own target, that address. */
    public Destination destination() {
        return new Destination(channel, address);
    }

    /** The same entry as held by a claim with {@code token}. */
    public OutboxEntry claimedWith(String token) {
        return new OutboxEntry(id, channel, address, transition, status, attempts, nextAttemptAt, lastError,
                createdAt, deliveredAt, token);
    }
}
