package dev.vigil.http.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

/**
 * Counts failed authentications per client address in fixed windows, in a bounded Caffeine cache (so a flood of
 * addresses cannot exhaust memory). A client with {@code maxFailures} failures in the current window is refused
 * until the window ends.
 */
public final class AuthThrottle {
    private final int maxFailures;
    private final Duration window;
    private final InstantSource clock;
    private final Cache<String, Window> failures;

    private static final class Window {
        final Instant start;
        int count;

        Window(Instant start) {
            this.start = start;
        }
    }

    public AuthThrottle(int maxFailures, Duration window, int maxClients, InstantSource clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
        this.failures = Caffeine.newBuilder()
                .maximumSize(maxClients)
                .expireAfterWrite(window)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /** Seconds until the client may try again, or 0 when it is not blocked. */
    public long retryAfterSeconds(String client) {
        Window w = failures.getIfPresent(client);
        if (w == null) {
            return 0;
        }
        synchronized (w) {
            Instant end = w.start.plus(window);
            Instant now = clock.instant();
            if (w.count < maxFailures || !now.isBefore(end)) {
                return 0;
            }
            long millis = Duration.between(now, end).toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }
    }

    public void recordFailure(String client) {
        Instant now = clock.instant();
        Window w = failures.asMap().compute(client, (k, old) ->
                old == null || !now.isBefore(old.start.plus(window)) ? new Window(now) : old);
        synchronized (w) {
            w.count++;
        }
    }

    public void recordSuccess(String client) {
        failures.invalidate(client);
    }
}
