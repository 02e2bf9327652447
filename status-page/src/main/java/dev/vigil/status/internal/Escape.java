package dev.vigil.status.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Escaping for the three places user input lands: HTML text and double-quoted attributes (one function serves both,
 * since it escapes quotes too), XML (the SVG badges, which must also drop characters XML 1.0 cannot carry), and
 * URL path segments.
 */
public final class Escape {
    private Escape() {
    }

    /** For HTML text and double- or single-quoted attribute values. */
    public static String html(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                case '`' -> "&#96;";
                default -> null;
            };
            if (r == null && isForbidden(s, i)) {
                r = "\uFFFD";
            }
            if (r != null) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                b.append(r);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /** For XML text and attribute values (SVG): the five XML entities, and U+FFFD for what XML 1.0 forbids. */
    public static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (isForbidden(s, i)) {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** One path segment, percent-encoded (a space as {@code %20}, never {@code +}). */
    public static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Control characters other than tab, CR and LF, U+FFFE/U+FFFF and unpaired surrogates: not allowed in XML 1.0 and
     * noise in HTML.
     */
    private static boolean isForbidden(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x20) {
            return c != '\t' && c != '\n' && c != '\r';
        }
        if (c >= 0x7F && c <= 0x9F || c == '\uFFFE' || c == '\uFFFF') {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}
