package dev.vigil.event;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A problem a problem-opening event opened on an entity, as Dynatrace's Problems API v2 shows it. Open until its end
 * (the latest end of its events), when the evaluator closes it.
 *
 * @param displayId     {@code P-} and a number
 * @param status        {@code OPEN} or {@code CLOSED}
 * @param severityLevel {@code AVAILABILITY}, {@code ERROR}, {@code PERFORMANCE}, {@code RESOURCE_CONTENTION} or
 *                      {@code CUSTOM_ALERT}
 * @param impactLevel   {@code SERVICES}, {@code APPLICATION}, {@code ENVIRONMENT} or {@code INFRASTRUCTURE}
 * @param end           its planned end while open, when it closed once closed
 * @param events        its events, oldest first (the newest 100)
 */
public record Problem(String problemId, String displayId, String title, String status, String severityLevel,
        String impactLevel, EventType eventType, String entityId, String entityType, String entityName,
        Instant start, Instant end, @Nullable Instant closedAt, List<Evidence> events) {
    public Problem {
        events = List.copyOf(events);
    }

    /** One event of the problem: its id, start and end. */
    public record Evidence(String eventId, Instant start, Instant end) {
    }

    public boolean isOpen() {
        return status.equals("OPEN");
    }
}
