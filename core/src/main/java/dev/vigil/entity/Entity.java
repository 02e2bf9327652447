package dev.vigil.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One monitored entity, as Dynatrace's Monitored Entities API shows it.
 *
 * @param entityId          {@code TYPE-} and 16 upper-case hex digits, derived from the type and a natural key
 *                          ({@link Entities#entityId}), the same on every instance and after a restart
 * @param type              e.g. {@code HOST}, {@code SERVICE}, {@code CUSTOM_DEVICE}
 * @param displayName       its name
 * @param tags              its tags
 * @param properties        its properties
 * @param fromRelationships relationships from it: relation name to the ids it points at
 * @param toRelationships   relationships to it: relation name to the ids that point at it
 * @param firstSeen         when Vigil first knew it
 * @param lastSeen          the latest of its creation, a change of its definition and a report, push or signal
 *                          attributed to it
 */
public record Entity(String entityId, String type, String displayName, List<EntityTag> tags,
        Map<String, String> properties, Map<String, List<String>> fromRelationships,
        Map<String, List<String>> toRelationships, Instant firstSeen, Instant lastSeen) {
    public Entity {
        tags = List.copyOf(tags);
        properties = Map.copyOf(properties);
        fromRelationships = Map.copyOf(fromRelationships);
        toRelationships = Map.copyOf(toRelationships);
    }
}
