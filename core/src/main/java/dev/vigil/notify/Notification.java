package dev.vigil.notify;

/**
 * One delivery of a transition to one channel.
 *
 * @param id      stable across retries; send it as the idempotency key so receivers can drop duplicates
 * @param channel the channel's name
 * @param attempt 1 for the first try, 2 for the first retry, ...
 */
public record Notification(String id, String channel, Transition transition, int attempt) {
}
