package dev.vigil.model;

import java.util.Locale;

/** What a transition records. */
public enum TransitionType {
    /** The subject's status (or one aspect's) changed. */
    CHANGE,
    /** A repeat notification while the status stays the same ({@code repeat_every}). */
    REMINDER,
    /** A one-off occurrence that is not a change of state: a crash, a release, an informational event. */
    OCCURRENCE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TransitionType fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
