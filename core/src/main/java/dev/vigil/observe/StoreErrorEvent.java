package dev.vigil.observe;

import java.util.Locale;
import java.util.Objects;

/**
 * The store could not serve an operation.
 *
 * @param operation what Vigil was doing
 * @param error     the exception's simple class name, e.g. {@code StoreUnavailableException}
 */
public record StoreErrorEvent(Operation operation, String error) {

    /** What Vigil was doing when the store failed. */
    public enum Operation {
        /** The evaluator's pass. */
        EVALUATE,
        /** The dispatcher's pass. */
        DELIVER,
        /** A push. */
        PUSH,
        /** A report. */
        REPORT;

        /** The lower-case name, e.g. {@code evaluate}. */
        public String tagValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public StoreErrorEvent {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(error, "error");
    }
}
