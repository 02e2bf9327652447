package dev.vigil.status.internal;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Durations in words: {@code 5 min ago}, {@code every 1 d}. */
public final class Durations {
    private Durations() {
    }

    /** How long ago {@code at} was, seen from {@code now}: {@code just now}, {@code 12 s ago}, {@code 3 h ago}. */
    public static String ago(Instant at, Instant now) {
        Duration d = Duration.between(at, now);
        if (d.isNegative()) {
            return "in " + words(d.negated());
        }
        if (d.toSeconds() < 5) {
            return "just now";
        }
        return words(d) + " ago";
    }

    /** The largest whole unit: {@code 45 s}, {@code 12 min}, {@code 5 h}, {@code 3 d}. */
    public static String words(@Nullable Duration d) {
        if (d == null) {
            return "?";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400 * 2) {
            long h = s / 3600;
            long m = s % 3600 / 60;
            return h + " h" + (h < 10 && m > 0 ? " " + m + " min" : "");
        }
        return s / 86_400 + " d";
    }
}
