package dev.vigil.entity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An entity declared explicitly ({@code POST /api/v1/entities}, YAML {@code entities:}, {@link Entities#define}).
 * Its identity is the type and the display name: the same pair again updates it and keeps its id.
 *
 * @param type              upper case letters, digits and '_', e.g. {@code HOST}
 * @param displayName       1 to 500 printable characters
 * @param tags              {@code [context]key:value}, {@code key:value} or {@code key}
 * @param properties        at most 100, keys up to 100 and values up to 4,096 characters
 * @param fromRelationships relation name (e.g. {@code isInstanceOf}) to entity ids
 */
public record EntityDefinition(String type, String displayName, List<String> tags, Map<String, String> properties,
        Map<String, List<String>> fromRelationships) {
    public static final int MAX_NAME = 500;
    public static final int MAX_PROPERTIES = 100;
    public static final int MAX_KEY = 100;
    public static final int MAX_VALUE = 4096;
    public static final int MAX_TAGS = 100;
    public static final int MAX_RELATIONSHIPS = 1000;

    /** @throws IllegalArgumentException naming the first invalid field */
    public EntityDefinition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(displayName, "displayName");
        type = checkType(type);
        if (displayName.isBlank() || displayName.length() > MAX_NAME || hasControl(displayName)) {
            throw new IllegalArgumentException("displayName must have 1 to " + MAX_NAME
                    + " printable characters");
        }
        displayName = displayName.strip();
        if (tags.size() > MAX_TAGS) {
            throw new IllegalArgumentException("at most " + MAX_TAGS + " tags, got " + tags.size());
        }
        List<String> ts = new ArrayList<>();
        for (String t : tags) {
            ts.add(EntityTag.parse(Objects.requireNonNull(t, "a tag")).stringRepresentation());
        }
        tags = List.copyOf(ts);
        properties = checkProperties(properties);
        Map<String, List<String>> rels = new TreeMap<>();
        int n = 0;
        for (Map.Entry<String, List<String>> e : fromRelationships.entrySet()) {
            if (!e.getKey().matches("[A-Za-z][A-Za-z0-9_]{0,99}")) {
                throw new IllegalArgumentException("a relationship name is a word such as isInstanceOf, got '"
                        + e.getKey() + "'");
            }
            for (String id : e.getValue()) {
                if (!Entities.isEntityId(id)) {
                    throw new IllegalArgumentException("fromRelationships." + e.getKey() + " must list entity ids such"
                            + " as HOST_GROUP-0123456789ABCDEF, got '" + id + "'");
                }
            }
            n += e.getValue().size();
            rels.put(e.getKey(), List.copyOf(new java.util.TreeSet<>(e.getValue())));
        }
        if (n > MAX_RELATIONSHIPS) {
            throw new IllegalArgumentException("at most " + MAX_RELATIONSHIPS + " relationships, got " + n);
        }
        fromRelationships = Map.copyOf(rels);
    }

    /** An entity with a type and a name only. */
    public static EntityDefinition of(String type, String displayName) {
        return new EntityDefinition(type, displayName, List.of(), Map.of(), Map.of());
    }

    public EntityDefinition withTags(String... more) {
        return new EntityDefinition(type, displayName, List.of(more), properties, fromRelationships);
    }

    public EntityDefinition withRelationship(String relation, String... ids) {
        Map<String, List<String>> r = new LinkedHashMap<>(fromRelationships);
        r.put(relation, List.of(ids));
        return new EntityDefinition(type, displayName, tags, properties, r);
    }

    public EntityDefinition withProperties(Map<String, String> props) {
        return new EntityDefinition(type, displayName, tags, props, fromRelationships);
    }

    static String checkType(String type) {
        String t = type.strip().toUpperCase(Locale.ROOT);
        if (!t.matches("[A-Z][A-Z0-9_]{0,99}")) {
            throw new IllegalArgumentException("type must be upper-case letters, digits and '_' such as HOST, got '"
                    + type + "'");
        }
        return t;
    }

    static Map<String, String> checkProperties(Map<String, String> properties) {
        if (properties.size() > MAX_PROPERTIES) {
            throw new IllegalArgumentException("at most " + MAX_PROPERTIES + " properties, got " + properties.size());
        }
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String k = Objects.requireNonNull(e.getKey(), "a property key");
            String v = Objects.requireNonNull(e.getValue(), "property " + k);
            if (k.isBlank() || k.length() > MAX_KEY) {
                throw new IllegalArgumentException("property keys must have 1 to " + MAX_KEY + " characters");
            }
            if (v.length() > MAX_VALUE) {
                throw new IllegalArgumentException("property " + k + " is longer than " + MAX_VALUE + " characters");
            }
            out.put(k, v);
        }
        return Map.copyOf(out);
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }
}
