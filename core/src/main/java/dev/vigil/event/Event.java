package dev.vigil.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A stored event, as {@code GET /api/v2/events} shows it.
 *
 * @param end       when it ends (the given end, or start plus timeout)
 * @param problemId the problem it opened or extended, null for informational types
 */
public record Event(String eventId, String correlationId, EventType eventType, String title, Instant start,
        Instant end, String entityId, String entityType, String entityName, Map<String, String> properties,
        List<String> entityTags, @Nullable String problemId) {
    public Event {
        properties = Map.copyOf(properties);
        entityTags = List.copyOf(entityTags);
    }

    /** Open while {@code now} is before its end. */
    public boolean isOpen(Instant now) {
        return now.isBefore(end);
    }
}
