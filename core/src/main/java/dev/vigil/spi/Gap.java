package dev.vigil.spi;

import java.time.Instant;

/**
 * A time when no instance was evaluating (restart, deploy) or the store was unreachable. Signals sent then were
 * lost, so deadlines that fell inside it move to its end plus the subject's full period.
 */
public record Gap(Instant start, Instant end) {
    public Gap {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("a gap cannot end before it starts");
        }
    }

    /** True when {@code t} is inside {@code [start, end]}. */
    public boolean contains(Instant t) {
        return !t.isBefore(start) && !t.isAfter(end);
    }
}
