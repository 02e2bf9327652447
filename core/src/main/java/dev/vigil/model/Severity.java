package dev.vigil.model;

import java.util.Locale;

/**
 * How bad a transition is. Notification texts, colours and emoji follow it, not the status name. {@code RESOLVED}
 * marks a return to normal; {@code INFO} something worth telling that is neither.
 */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL,
    RESOLVED;

    /** The lower-case name used in payloads, labels and storage: {@code info}, {@code warning}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
