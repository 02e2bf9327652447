package dev.vigil.status.internal;

import java.util.Locale;

/**
 * How a status looks: its colour on the page and on badges, and how bad it is (for summaries and a group's worst).
 * Each kind maps its statuses onto these; unknown status names of custom kinds are guessed from common words.
 */
public enum Tone {
    UP("up", "#4c1", 0),
    PAUSED("paused", "#9f9f9f", 1),
    NEW("new", "#007ec6", 2),
    UNKNOWN("unknown", "#9f9f9f", 3),
    WARN("warning", "#fe7d37", 4),
    DOWN("down", "#e05d44", 5);

    private final String word;
    private final String badgeColour;
    private final int badness;

    Tone(String word, String badgeColour, int badness) {
        this.word = word;
        this.badgeColour = badgeColour;
        this.badness = badness;
    }

    /** A short word for summaries, e.g. {@code down}. */
    public String word() {
        return word;
    }

    /** The shields.io colour of badges in this tone. */
    public String badgeColour() {
        return badgeColour;
    }

    /** The CSS class of elements in this tone. */
    public String css() {
        return "t-" + name().toLowerCase(Locale.ROOT);
    }

    public Tone worse(Tone other) {
        return other.badness > badness ? other : this;
    }

    /** A custom kind's status by its name: {@code UP}, {@code OK} ... are up; {@code DOWN}, {@code CRITICAL} ... down. */
    public static Tone guess(String status) {
        String s = status.toUpperCase(Locale.ROOT);
        return switch (s) {
            case "UP", "OK", "OPERATIONAL", "HEALTHY", "PASSING", "RESOLVED", "CLOSED", "SUCCESS", "GREEN" -> UP;
            case "DOWN", "CRITICAL", "ALERT", "FAILED", "FAILING", "ERROR", "OPEN", "RED", "OVERDUE" -> DOWN;
            case "WARNING", "WARN", "DEGRADED", "PARTIAL", "YELLOW", "LATE" -> WARN;
            case "PAUSED", "DISABLED", "MAINTENANCE", "SILENCED" -> PAUSED;
            case "NEW", "NO_PUSH_YET", "PENDING", "NONE" -> NEW;
            default -> UNKNOWN;
        };
    }
}
