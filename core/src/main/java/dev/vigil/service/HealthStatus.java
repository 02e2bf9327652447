package dev.vigil.service;

import dev.vigil.model.Status;
import java.util.Locale;
import java.util.Optional;

/** A service's health (seed 000), as reported by its health pushes or set by the evaluator ({@code UNKNOWN} when stale). */
public enum HealthStatus implements Status {
    OPERATIONAL,
    DEGRADED,
    DOWN,
    MAINTENANCE,
    UNKNOWN;

    /** How bad, for rolling a tree up: {@code DOWN} is the worst, {@code OPERATIONAL} the best. */
    public int badness() {
        return switch (this) {
            case OPERATIONAL -> 0;
            case MAINTENANCE -> 1;
            case UNKNOWN -> 2;
            case DEGRADED -> 3;
            case DOWN -> 4;
        };
    }

    /** The worse of two statuses. */
    public static HealthStatus worse(HealthStatus a, HealthStatus b) {
        return b.badness() > a.badness() ? b : a;
    }

    /** The status named {@code text}, without regard to case or surrounding blanks; empty for any other text. */
    public static Optional<HealthStatus> parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (HealthStatus s : values()) {
            if (s.name().equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
