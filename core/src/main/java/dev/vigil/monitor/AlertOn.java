package dev.vigil.monitor;

import java.util.Locale;

/** Which transitions of a push monitor notify its channels (seed 002 {@code alert_on}). */
public enum AlertOn {
    /** The monitor went DOWN: a push is overdue, a run exceeded its max runtime, or a push reported failure. */
    DOWN,
    /** The monitor recovered from DOWN to UP. */
    UP;

    /** Parses {@code down} / {@code up}, case-insensitively. */
    public static AlertOn parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("alert_on value '" + value + "' is not one of: down, up");
        }
    }
}
