package dev.vigil.status.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A shields.io "flat" badge as SVG: a grey label on the left, the message on the status colour on the right. Text
 * widths are estimated from Verdana 11px and pinned with {@code textLength}, so the badge looks the same whichever
 * font the viewer has. Every text is XML-escaped.
 */
public final class Badge {
    /** Longest label or message shown; longer ones are cut with an ellipsis. */
    static final int MAX_TEXT = 60;

    private Badge() {
    }

    public static byte[] svg(String label, String message, String colour) {
        String l = cut(label);
        String m = cut(message);
        int lw = (int) Math.round(textWidth(l)) + 10;
        int mw = (int) Math.round(textWidth(m)) + 10;
        int w = lw + mw;
        String title = Escape.xml(l + ": " + m);
        String el = Escape.xml(l);
        String em = Escape.xml(m);
        int ltl = (lw - 10) * 10;
        int mtl = (mw - 10) * 10;
        int lx = lw * 5;
        int mx = lw * 10 + mw * 5;
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"20\" role=\"img\""
                + " aria-label=\"" + title + "\"><title>" + title + "</title>"
                + "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\""
                + " stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
                + "<clipPath id=\"r\"><rect width=\"" + w + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>"
                + "<g clip-path=\"url(#r)\"><rect width=\"" + lw + "\" height=\"20\" fill=\"#555\"/>"
                + "<rect x=\"" + lw + "\" width=\"" + mw + "\" height=\"20\" fill=\"" + Escape.xml(colour) + "\"/>"
                + "<rect width=\"" + w + "\" height=\"20\" fill=\"url(#s)\"/></g>"
                + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\""
                + " text-rendering=\"geometricPrecision\" font-size=\"110\">"
                + text(lx, ltl, el) + text(mx, mtl, em) + "</g></svg>";
        return svg.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(int x, int length, String escaped) {
        return "<text aria-hidden=\"true\" x=\"" + x + "\" y=\"150\" fill=\"#010101\" fill-opacity=\".3\""
                + " transform=\"scale(.1)\" textLength=\"" + length + "\">" + escaped + "</text>"
                + "<text x=\"" + x + "\" y=\"140\" transform=\"scale(.1)\" fill=\"#fff\" textLength=\"" + length
                + "\">" + escaped + "</text>";
    }

    static String cut(String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            return "?";
        }
        if (t.codePointCount(0, t.length()) <= MAX_TEXT) {
            return t;
        }
        return t.substring(0, t.offsetByCodePoints(0, MAX_TEXT - 1)) + "…";
    }

    /** The width of a text in Verdana 11px, close enough for a badge. */
    static double textWidth(String s) {
        double w = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            w += width(c);
        }
        return w;
    }

    private static double width(int c) {
        if (c == ' ') {
            return 3.9;
        }
        if ("ijl.,:;'|!".indexOf(c) >= 0) {
            return 3.4;
        }
        if ("frt()[]{}I/\\-\"".indexOf(c) >= 0) {
            return 4.8;
        }
        if ("mw".indexOf(c) >= 0) {
            return 10.7;
        }
        if ("MW%".indexOf(c) >= 0) {
            return 11.4;
        }
        if (c >= '0' && c <= '9') {
            return 7.0;
        }
        if (c >= 'a' && c <= 'z') {
            return 6.8;
        }
        if (c >= 'A' && c <= 'Z') {
            return 7.7;
        }
        return c < 0x2E80 ? 7.6 : 11.0;
    }

    /** A badge message for a status name: {@code NO_PUSH_YET} becomes {@code no push yet}. */
    public static String words(String status) {
        return status.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
