package dev.vigil.internal;

import dev.vigil.entity.EntityTag;
import dev.vigil.model.SubjectRef;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An entity as the {@link EntityIndex} keeps it: what selectors and views need, read from the subject it comes
 * from. Activity is not kept here (it changes with every report); {@link EntityRegistry} reads it from the subject.
 *
 * @param source    the subject it is derived from or kept as
 * @param version   that subject's version when indexed
 * @param unhealthy its source's status is a bad one (a service DOWN or DEGRADED, a push monitor DOWN)
 * @param definedAt when its definition last changed (creation or a change the change feed carried)
 */
public record IndexedEntity(String id, String type, String name, List<EntityTag> tags, Map<String, String> properties,
        Map<String, List<String>> from, Instant firstSeen, Instant definedAt, SubjectRef source, long version,
        boolean unhealthy) {
    public IndexedEntity {
        tags = List.copyOf(tags);
        properties = Map.copyOf(properties);
        from = Map.copyOf(from);
    }

    String lowerName() {
        return name.toLowerCase(Locale.ROOT);
    }
}
