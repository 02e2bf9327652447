package dev.vigil.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.heartbeat.HeartbeatSpec;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A heartbeat's fields as people write them, mapped once for YAML {@code heartbeats:} and
 * {@code POST /api/v2/heartbeat}: {@code pattern} (field to text value), {@code expected_interval} as Canopsis
 * validates it ({@code 10s}, {@code 15m}, {@code 1h}), and Vigil's {@code min_sources} with {@code source_field}.
 */
public final class HeartbeatFields {
    public static final Set<String> FIELDS = Set.of("pattern", "expected_interval", "min_sources", "source_field");

    private HeartbeatFields() {
    }

    /** Checks a pattern alone. */
    static void pattern(Map<String, String> pattern) {
        HeartbeatSpec.builder().pattern(pattern);
    }

    /** The spec these fields describe. */
    public static HeartbeatSpec spec(Map<String, String> pattern, String interval, @Nullable Integer minSources,
            @Nullable String sourceField) {
        HeartbeatSpec.Builder b = HeartbeatSpec.builder().pattern(pattern).expectedInterval(interval);
        if (minSources != null || sourceField != null) {
            if (sourceField == null) {
                throw new IllegalArgumentException("min_sources needs source_field (the field whose distinct values"
                        + " are counted, e.g. component)");
            }
            b.quorum(minSources == null ? 1 : minSources, sourceField);
        }
        return b.build();
    }

    /**
     * The spec of a {@code POST /api/v2/heartbeat} body. Unknown top-level fields are ignored, as Canopsis does.
     *
     * @throws IllegalArgumentException for anything Canopsis calls an invalid payload: no or an empty pattern,
     *                                  values that are not strings, an interval it would not accept
     */
    public static HeartbeatSpec fromJson(@Nullable JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        JsonNode p = body.get("pattern");
        if (p == null || !p.isObject() || p.isEmpty()) {
            throw new IllegalArgumentException("pattern must be an object with at least one field");
        }
        Map<String, String> pattern = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("the pattern's values must be strings");
            }
            pattern.put(e.getKey(), e.getValue().textValue());
        }
        JsonNode interval = body.get("expected_interval");
        if (interval == null || !interval.isTextual()) {
            throw new IllegalArgumentException("expected_interval must be a string such as 10s");
        }
        JsonNode min = body.get("min_sources");
        Integer minSources = null;
        if (min != null && !min.isNull()) {
            if (!min.isIntegralNumber() || !min.canConvertToInt()) {
                throw new IllegalArgumentException("min_sources must be a whole number");
            }
            minSources = min.intValue();
        }
        JsonNode field = body.get("source_field");
        String sourceField = null;
        if (field != null && !field.isNull()) {
            if (!field.isTextual()) {
                throw new IllegalArgumentException("source_field must be a string");
            }
            sourceField = field.textValue();
        }
        return spec(pattern, interval.textValue(), minSources, sourceField);
    }
}
