package dev.vigil.event;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One event to ingest, exactly the seed's {@code EventIngest}.
 *
 * @param eventType      required
 * @param title          required, 1 to 1,024 characters
 * @param startTime      ms UTC; null: now
 * @param endTime        ms UTC; null: start plus the timeout
 * @param timeout        minutes; null: 15; capped at 360
 * @param entitySelector the entities it is about (active in the last 24 h); null: the environment
 * @param properties     its properties; keys starting with {@code dt.} are reserved
 */
public record EventIngest(EventType eventType, String title, @Nullable Long startTime, @Nullable Long endTime,
        @Nullable Integer timeout, @Nullable String entitySelector, Map<String, String> properties) {
    public static final int MAX_TITLE = 1024;

    /** @throws InvalidEventException naming the field */
    public EventIngest {
        if (eventType == null) {
            throw new InvalidEventException("eventType", "must not be null");
        }
        if (title == null || title.isBlank()) {
            throw new InvalidEventException("title", "must not be blank");
        }
        if (title.length() > MAX_TITLE) {
            throw new InvalidEventException("title", "must have at most " + MAX_TITLE + " characters");
        }
        if (timeout != null && timeout < 1) {
            throw new InvalidEventException("timeout", "must be at least 1 (minutes)");
        }
        if (entitySelector != null && entitySelector.isBlank()) {
            entitySelector = null;
        }
        Objects.requireNonNull(properties, "properties");
        properties = Map.copyOf(properties);
    }

    public static EventIngest of(EventType type, String title) {
        return new EventIngest(type, title, null, null, null, null, Map.of());
    }

    public EventIngest on(String selector) {
        return new EventIngest(eventType, title, startTime, endTime, timeout, selector, properties);
    }

    public EventIngest withProperties(Map<String, String> props) {
        return new EventIngest(eventType, title, startTime, endTime, timeout, entitySelector, props);
    }

    public EventIngest withTimes(@Nullable Long start, @Nullable Long end, @Nullable Integer timeoutMinutes) {
        return new EventIngest(eventType, title, start, end, timeoutMinutes, entitySelector, properties);
    }
}
