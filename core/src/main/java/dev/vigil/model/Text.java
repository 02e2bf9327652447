package dev.vigil.model;

/** Small string helpers for validation and safe logging of user input. */
public final class Text {
    private static final int MAX_LOGGED = 200;

    private Text() {
    }

    /** True when the string has no ISO control characters (CR, LF, TAB, NUL, ...). */
    public static boolean isPrintable(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Makes user input safe for a log line: control characters become {@code \\uXXXX} (so CR/LF cannot
     * forge log lines) and long values are cut.
     */
    public static String forLog(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_LOGGED) + 8);
        for (int i = 0; i < s.length() && i < MAX_LOGGED; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (s.length() > MAX_LOGGED) {
            out.append("...");
        }
        return out.toString();
    }
}
