package dev.vigil.task;

import java.util.Locale;
import java.util.Optional;

/**
 * How far (in standard deviations) a 5xx task's count may rise above its running mean before it is CRITICAL; from
 * 0.1 σ up to that it is WARNING.
 */
public enum Tolerance {
    LOW(0.5),
    MEDIUM(1.0),
    HIGH(1.5);

    /** Where WARNING starts, in standard deviations. */
    public static final double WARNING_SIGMA = 0.1;

    private final double criticalSigma;

    Tolerance(double criticalSigma) {
        this.criticalSigma = criticalSigma;
    }

    /** Above this many standard deviations the task is CRITICAL. */
    public double criticalSigma() {
        return criticalSigma;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Tolerance> parse(String wireName) {
        for (Tolerance t : values()) {
            if (t.wireName().equals(wireName.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
