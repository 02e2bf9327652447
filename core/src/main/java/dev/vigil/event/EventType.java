package dev.vigil.event;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The ten event types of the seed. Five open a problem on their entity ({@link #opensProblem()}); the others are
 * recorded and queryable and never notify. {@link #MARKED_FOR_TERMINATION} applies to hosts only; every other type
 * applies to every entity type.
 */
public enum EventType {
    AVAILABILITY_EVENT("AVAILABILITY", true),
    CUSTOM_ALERT("CUSTOM_ALERT", true),
    CUSTOM_ANNOTATION("INFO", false),
    CUSTOM_CONFIGURATION("INFO", false),
    CUSTOM_DEPLOYMENT("INFO", false),
    CUSTOM_INFO("INFO", false),
    ERROR_EVENT("ERROR", true),
    MARKED_FOR_TERMINATION("INFO", false),
    PERFORMANCE_EVENT("PERFORMANCE", true),
    RESOURCE_CONTENTION_EVENT("RESOURCE_CONTENTION", true);

    private final String severityLevel;
    private final boolean opensProblem;

    EventType(String severityLevel, boolean opensProblem) {
        this.severityLevel = severityLevel;
        this.opensProblem = opensProblem;
    }

    /** Whether an event of this type opens a problem (a transition that notifies). */
    public boolean opensProblem() {
        return opensProblem;
    }

    /** The problem's {@code severityLevel} for a problem-opening type ({@code AVAILABILITY}, {@code ERROR}, ...). */
    public String severityLevel() {
        return severityLevel;
    }

    /** Whether the type can apply to an entity of {@code entityType}: a host only for MARKED_FOR_TERMINATION. */
    public boolean appliesTo(String entityType) {
        return this != MARKED_FOR_TERMINATION || Set.of("HOST").contains(entityType);
    }

    public static Optional<EventType> parse(String name) {
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
