package dev.vigil.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Keeps a repeated error from flooding the log: the first occurrence of a key is logged in full (with its stack
 * trace), then at most one summary line per window says how many were left out. A key quiet for an hour is
 * forgotten, so its next occurrence is logged in full again. Time comes from the given clock.
 */
public final class LogLimiter {
    /** What to log for one occurrence. */
    public enum Verdict {
        /** Log it in full, with the stack trace. */
        FULL,
        /** Log one line without the stack trace, with {@link #suppressed} occurrences left out before it. */
        SUMMARY,
        /** Log nothing. */
        SUPPRESS
    }

    /** The decision and, for {@link Verdict#SUMMARY}, how many occurrences since the last logged one were not logged. */
    public record Decision(Verdict verdict, long suppressed) {
    }

    private static final class Window {
        long startMillis;
        long suppressed;

        Window(long startMillis) {
            this.startMillis = startMillis;
        }
    }

    private final long windowMillis;
    private final InstantSource clock;
    private final Cache<String, Window> windows;

    public LogLimiter(Duration window, InstantSource clock) {
        this.windowMillis = window.toMillis();
        this.clock = clock;
        this.windows = Caffeine.newBuilder()
                .maximumSize(1_000)
                .expireAfterAccess(Duration.ofHours(1))
                .ticker(() -> clock.millis() * 1_000_000L)
                .build();
    }

    /** Decides about one occurrence of {@code key} (e.g. route and exception class). */
    public Decision check(String key) {
        long now = clock.millis();
        Decision[] out = new Decision[1];
        windows.asMap().compute(key, (k, w) -> {
            if (w == null) {
                out[0] = new Decision(Verdict.FULL, 0);
                return new Window(now);
            }
            if (now - w.startMillis < windowMillis) {
                w.suppressed++;
                out[0] = new Decision(Verdict.SUPPRESS, w.suppressed);
            } else {
                out[0] = new Decision(Verdict.SUMMARY, w.suppressed);
                w.startMillis = now;
                w.suppressed = 0;
            }
            return w;
        });
        return out[0];
    }
}
