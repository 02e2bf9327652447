package dev.vigil.internal;

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
     * Makes user input safe for a log line: control characters, the Unicode line and paragraph separators and the
     * bidirectional controls become {@code \\uXXXX} (so CR/LF cannot forge log lines and bidi overrides cannot
     * reorder what a reader sees) and long values are cut.
     */
    public static String forLog(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_LOGGED) + 8);
        for (int i = 0; i < s.length() && i < MAX_LOGGED; i++) {
            char c = s.charAt(i);
            if (mustEscape(c)) {
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

    /**
     * ISO controls (C0, DEL, C1 incl. NEL), U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR, the bidi embeddings
     * and overrides U+202A..U+202E, the bidi isolates U+2066..U+2069 and the bidi marks U+200E, U+200F, U+061C.
     */
    private static boolean mustEscape(char c) {
        return Character.isISOControl(c)
                || (c >= '\u2028' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }
}
