package dev.vigil.model;

import org.jspecify.annotations.Nullable;

/** Small string helpers for validation, safe storage and safe logging of user input. */
public final class Text {
    private static final int MAX_LOGGED = 200;
    /** What {@link #storable} puts in place of a character no store can keep. */
    public static final char REPLACEMENT = '\uFFFD';

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
     * User text as every store can keep it: NUL (which PostgreSQL refuses in text) and unpaired surrogates (which
     * a UTF-8 database cannot encode) become U+FFFD. Returns {@code s} itself when nothing needed replacing, so
     * {@code storable(s) != s} tells a caller to warn.
     */
    public static @Nullable String storable(@Nullable String s) {
        if (s == null) {
            return null;
        }
        int bad = firstUnstorable(s);
        if (bad < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        out.append(s, 0, bad);
        for (int i = bad; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                out.append(REPLACEMENT);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The warning for a text field whose NUL characters (or unpaired surrogates) {@link #storable} replaced. */
    public static String replacedWarning(String field) {
        return field + ": NUL characters and unpaired surrogates cannot be stored and were replaced with U+FFFD";
    }

    /** True when {@link #storable} would keep {@code s} as it is. */
    public static boolean isStorable(String s) {
        return firstUnstorable(s) < 0;
    }

    /** The index of the first NUL or unpaired surrogate, or -1. */
    private static int firstUnstorable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                return i;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
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
            if (Character.isHighSurrogate(s.charAt(MAX_LOGGED - 1))) {
                out.setLength(out.length() - 1); // never cut a character in half
            }
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
