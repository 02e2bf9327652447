package dev.vigil.notify;

import dev.vigil.model.Transition;
import org.jspecify.annotations.Nullable;

/**
 * One delivery of a transition to one target.
 *
 * @param id      stable across retries; send it as the idempotency key so receivers can drop duplicates
 * @param channel the channel's name
 * @param address where within the channel, for a target the subject carries (a Slack channel, e-mail addresses, a
 *                webhook URL); null for the channel's own destination
 * @param attempt 1 for the first try, 2 for the first retry, ...
 */
public record Notification(String id, String channel, @Nullable String address, Transition transition, int attempt) {

    /** A delivery to a channel's own destination. */
    public Notification(String id, String channel, Transition transition, int attempt) {
        this(id, channel, null, transition, attempt);
    }
}
