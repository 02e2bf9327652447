package dev.vigil.notify;

import java.time.Duration;

/**
 * Thrown by a {@link Notifier} when the receiver asked to be retried after a given time (HTTP 429 or 503 with
 * {@code Retry-After}); the dispatcher honours it instead of its own backoff.
 */
public final class RetryLaterException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Duration after;

    public RetryLaterException(String message, Duration after) {
        super(message);
        this.after = after;
    }

    public Duration after() {
        return after;
    }
}
