package dev.vigil.model;

import java.util.regex.Pattern;

/**
 * Names one monitored subject: its kind's wire name (e.g. {@code push_monitor}, {@code service}) and its natural key
 * within that kind ({@code "17"} for a push monitor, a service path, a heartbeat id, {@code 5xx:myapp}).
 */
public record SubjectRef(String kind, String key) implements Comparable<SubjectRef> {
    /** Longest key any store must accept. */
    public static final int MAX_KEY_LENGTH = 512;
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    public SubjectRef {
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind must be a lower_snake_case name of at most 40 characters, got '"
                    + Text.forLog(kind) + "'");
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("key must have 1 to " + MAX_KEY_LENGTH + " characters, got "
                    + key.length());
        }
    }

    public static SubjectRef of(String kind, String key) {
        return new SubjectRef(kind, key);
    }

    @Override
    public int compareTo(SubjectRef o) {
        int c = kind.compareTo(o.kind);
        return c != 0 ? c : key.compareTo(o.key);
    }

    @Override
    public String toString() {
        return kind + ":" + key;
    }
}
