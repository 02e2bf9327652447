package dev.vigil.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** An {@link InstantSource} that only moves when told to. Thread-safe. */
public final class ManualClock implements InstantSource {
    private final AtomicReference<Instant> now;

    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** A clock at an ISO-8601 instant, e.g. {@code ManualClock.at("2025-01-15T12:00:00Z")}. */
    public static ManualClock at(String isoInstant) {
        return new ManualClock(Instant.parse(isoInstant));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /** Moves the clock forward (a negative duration is refused: time does not run backwards). */
    public ManualClock advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("cannot advance by a negative duration: " + d);
        }
        now.updateAndGet(t -> t.plus(d));
        return this;
    }

    /** Sets the clock to an instant (may go backwards, to test clock skew). */
    public ManualClock set(Instant instant) {
        now.set(instant);
        return this;
    }

    public ManualClock set(String isoInstant) {
        return set(Instant.parse(isoInstant));
    }

    @Override
    public String toString() {
        return "ManualClock[" + now.get() + "]";
    }
}
