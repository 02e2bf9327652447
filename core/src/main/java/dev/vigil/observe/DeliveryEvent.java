package dev.vigil.observe;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One delivery attempt of a notification.
 *
 * @param channelType the type of the channel ({@code webhook}, {@code slack}, {@code email}, {@code log}, a type
 *                    registered with {@code channelType(...)}, or {@code custom} for a notifier given in code)
 * @param outcome     delivered, to be retried, or failed for good
 * @param duration    how long the channel's notifier took (zero when it was not called)
 * @param attempt     the attempt's number, from 1
 */
public record DeliveryEvent(String channelType, Outcome outcome, Duration duration, int attempt) {

    /** How an attempt ended. */
    public enum Outcome {
        /** The receiver took it. */
        DELIVERED,
        /** It failed and will be tried again later. */
        RETRY,
        /** It failed for good and is kept as FAILED. */
        FAILED;

        /** The lower-case name, e.g. {@code delivered}. */
        public String tagValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DeliveryEvent {
        Objects.requireNonNull(channelType, "channelType");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(duration, "duration");
    }
}
