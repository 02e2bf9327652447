package dev.vigil.internal;

import dev.vigil.kind.Codec;
import dev.vigil.kind.Outcome;
import dev.vigil.kind.SubjectKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Explicit entities (wire name {@code entity}): those declared through {@code POST /api/v1/entities}, YAML
 * {@code entities:} and custom devices with their groups. Keyed by entity id; nothing is ever due.
 */
public final class EntityKind implements SubjectKind<EntityKind.Spec, EntityKind.Activity> {
    public static final String NAME = "entity";
    public static final EntityKind INSTANCE = new EntityKind();
    static final String TYPE_LABEL = "entity_type";

    private static final Codec<Spec> SPEC = Codec.json(Spec.class);
    private static final Codec<Activity> STATE = Codec.json(Activity.class);

    /** The definition: what the entity is. */
    public record Spec(String type, String displayName, List<String> tags, Map<String, String> properties,
            Map<String, List<String>> fromRelationships) {
        public Spec {
            tags = List.copyOf(tags);
            properties = Map.copyOf(properties);
            fromRelationships = Map.copyOf(fromRelationships);
        }
    }

    /** When it was last defined again or reported (ms since the epoch). */
    public record Activity(long lastSeenMs) {
        static Activity at(Instant t) {
            return new Activity(t.toEpochMilli());
        }
    }

    private EntityKind() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Codec<Spec> specCodec() {
        return SPEC;
    }

    @Override
    public Codec<Activity> stateCodec() {
        return STATE;
    }

    @Override
    public String displayName(String key, Spec spec) {
        return key; // the entity id: display names of different types may be equal
    }

    @Override
    public String status(Spec spec, Activity state) {
        return "ACTIVE";
    }

    @Override
    public @Nullable Instant nextDue(Spec spec, Activity state) {
        return null;
    }

    @Override
    public Outcome<Activity> onDue(String key, Spec spec, Activity state, Instant now) {
        return Outcome.of(state);
    }

    @Override
    public Duration period(Spec spec) {
        return Duration.ZERO;
    }

    @Override
    public Activity afterGap(Spec spec, Activity state, Instant gapEnd) {
        return state;
    }

    @Override
    public Map<String, String> labels(String key, Spec spec, Activity state) {
        return Map.of(TYPE_LABEL, spec.type());
    }

    @Override
    public String linkPath(String key) {
        return "/api/v2/entities/" + key;
    }
}
