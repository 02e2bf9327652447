package dev.vigil.model;

/**
 * Names one monitored subject: its kind's wire name (e.g. {@code push_monitor}, {@code service}) and its natural key
 * within that kind ({@code "17"} for a push monitor, a service path, a heartbeat id, {@code 5xx:myapp}).
 */
public record SubjectRef(String kind, String key) implements Comparable<SubjectRef> {
    /** Longest key any store must accept. */
    public static final int MAX_KEY_LENGTH = 512;

    public SubjectRef {
        if (!isKindName(kind)) {
            throw new IllegalArgumentException("kind must be a lower_snake_case name of at most 40 characters, got '"
                    + Text.forLog(kind) + "'");
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("key must have 1 to " + MAX_KEY_LENGTH + " characters, got "
                    + key.length());
        }
    }

    /** True for a lower_snake_case name of 1 to 40 characters starting with a letter (checked on every input). */
    public static boolean isKindName(String kind) {
        if (kind.isEmpty() || kind.length() > 40 || kind.charAt(0) < 'a' || kind.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < kind.length(); i++) {
            char c = kind.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
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
