package dev.vigil.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.heartbeat.HeartbeatSpec;
import dev.vigil.kind.Codec;
import dev.vigil.kind.Outcome;
import dev.vigil.kind.SubjectKind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Heartbeats (seed 004) as a subject kind: key = the heartbeat's id, spec = {@link HeartbeatSpec}, state =
 * {@link HeartbeatState}; the rules are {@link HeartbeatLogic}. The display name is the id (unique, where the
 * pattern's {@code key:value} string is not). Labels are the pattern's fields, so routes and silences match them.
 */
public final class HeartbeatKind implements SubjectKind<HeartbeatSpec, HeartbeatState> {
    public static final String NAME = "heartbeat";
    public static final HeartbeatKind INSTANCE = new HeartbeatKind();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Codec<HeartbeatSpec> specCodec = new SpecCodec();
    private final Codec<HeartbeatState> stateCodec = new StateCodec();

    private HeartbeatKind() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Codec<HeartbeatSpec> specCodec() {
        return specCodec;
    }

    @Override
    public Codec<HeartbeatState> stateCodec() {
        return stateCodec;
    }

    @Override
    public String displayName(String key, HeartbeatSpec spec) {
        return key;
    }

    @Override
    public String status(HeartbeatSpec spec, HeartbeatState state) {
        return state.status();
    }

    @Override
    public @Nullable Instant nextDue(HeartbeatSpec spec, HeartbeatState state) {
        return HeartbeatLogic.nextDue(spec, state);
    }

    @Override
    public Outcome<HeartbeatState> onDue(String key, HeartbeatSpec spec, HeartbeatState state, Instant now) {
        return HeartbeatLogic.onDue(spec, state, now);
    }

    @Override
    public Duration period(HeartbeatSpec spec) {
        return spec.interval();
    }

    @Override
    public HeartbeatState afterGap(HeartbeatSpec spec, HeartbeatState state, Instant gapEnd) {
        return HeartbeatLogic.afterGap(state, gapEnd);
    }

    @Override
    public Map<String, String> labels(String key, HeartbeatSpec spec, HeartbeatState state) {
        return spec.pattern();
    }

    @Override
    public String linkPath(String key) {
        return "/api/v2/heartbeat/" + key;
    }

    private static String write(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a heartbeat", e);
        }
    }

    private static JsonNode read(String text, String what) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored heartbeat " + what + " cannot be read: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** {@code {"pattern":{...},"expected_interval":"10s","min_sources":1,"source_field":"component"}}. */
    private static final class SpecCodec implements Codec<HeartbeatSpec> {
        @Override
        public String encode(HeartbeatSpec spec) {
            ObjectNode n = MAPPER.createObjectNode();
            ObjectNode p = n.putObject("pattern");
            spec.pattern().forEach(p::put);
            n.put("expected_interval", spec.expectedInterval());
            n.put("min_sources", spec.minSources());
            if (spec.sourceField() != null) {
                n.put("source_field", spec.sourceField());
            }
            return write(n);
        }

        @Override
        public HeartbeatSpec decode(String text) {
            JsonNode n = read(text, "spec");
            Map<String, String> pattern = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("pattern").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                pattern.put(e.getKey(), e.getValue().asText());
            }
            JsonNode field = n.get("source_field");
            return new HeartbeatSpec(new TreeMap<>(pattern), n.path("expected_interval").asText(),
                    n.path("min_sources").asInt(1), field == null || field.isNull() ? null : field.asText());
        }
    }

    /** {@code {"status":"OK","anchor":ms,"last_match_at":ms,"sources":{"value":ms},"matches":n}}. */
    private static final class StateCodec implements Codec<HeartbeatState> {
        @Override
        public String encode(HeartbeatState s) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("status", s.status());
            n.put("anchor", s.anchor());
            if (s.lastMatchAt() != null) {
                n.put("last_match_at", s.lastMatchAt());
            }
            if (!s.sources().isEmpty()) {
                ObjectNode src = n.putObject("sources");
                new TreeMap<>(s.sources()).forEach(src::put);
            }
            n.put("matches", s.matches());
            return write(n);
        }

        @Override
        public HeartbeatState decode(String text) {
            JsonNode n = read(text, "state");
            Map<String, Long> sources = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("sources").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sources.put(e.getKey(), e.getValue().asLong());
            }
            JsonNode last = n.get("last_match_at");
            return new HeartbeatState(n.path("status").asText(), n.path("anchor").asLong(),
                    last == null || last.isNull() ? null : last.asLong(), sources, n.path("matches").asLong());
        }
    }

}
