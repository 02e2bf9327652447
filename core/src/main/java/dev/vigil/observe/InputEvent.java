package dev.vigil.observe;

import java.util.Locale;
import java.util.Objects;

/**
 * A push or a report, accepted or refused.
 *
 * @param input  a push monitor's push, or a service report
 * @param kind   {@code push_monitor} for pushes; {@code health}, {@code storage} or {@code backup} for reports
 * @param result what became of it
 */
public record InputEvent(Input input, String kind, Result result) {

    /** What came in. */
    public enum Input {
        PUSH,
        REPORT;

        private final String tagValue = name().toLowerCase(Locale.ROOT); // read on every input: made once

        /** The lower-case name, e.g. {@code push}. */
        public String tagValue() {
            return tagValue;
        }
    }

    /** What became of an input. */
    public enum Result {
        /** Recorded. */
        ACCEPTED,
        /** Refused: no such push monitor. */
        NOT_FOUND,
        /** Refused: the secret did not match. */
        INVALID_SECRET,
        /** Refused: the monitor requires a payload and the push had none. */
        PAYLOAD_REQUIRED,
        /** Refused: the input itself was invalid. */
        INVALID,
        /** Refused: the store was unreachable. */
        UNAVAILABLE,
        /** Failed for another reason (a bug; it is logged where it happened). */
        ERROR;

        private final String tagValue = name().toLowerCase(Locale.ROOT); // read on every input: made once

        /** The lower-case name, e.g. {@code invalid_secret}. */
        public String tagValue() {
            return tagValue;
        }
    }

    public InputEvent {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(result, "result");
    }

    /** Whether it was recorded. */
    public boolean accepted() {
        return result == Result.ACCEPTED;
    }
}
