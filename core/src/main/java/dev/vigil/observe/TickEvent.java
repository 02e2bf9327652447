package dev.vigil.observe;

import java.time.Duration;
import java.util.Objects;

/**
 * One evaluation pass: claim what is due, evaluate it, write the results.
 *
 * @param duration    how long the pass took
 * @param claimed     how many due subjects it claimed
 * @param transitions how many transitions it wrote
 */
public record TickEvent(Duration duration, int claimed, int transitions) {
    public TickEvent {
        Objects.requireNonNull(duration, "duration");
    }
}
