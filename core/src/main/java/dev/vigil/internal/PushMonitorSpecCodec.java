package dev.vigil.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.vigil.monitor.AlertOn;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.kind.Codec;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A push monitor's spec as a small JSON document with stable snake_case names; durations in ISO-8601
 * ({@code PT1H30M}), so they round-trip exactly. Decoded specs are cached by their JSON: a push reads its monitor
 * every time, and parsing plus validation (a cron expression, say) is not free.
 */
final class PushMonitorSpecCodec implements Codec<PushMonitorSpec> {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int FORMAT = 1;

    private final Cache<String, PushMonitorSpec> decoded = Caffeine.newBuilder().maximumSize(10_000).build();

    @Override
    public String encode(PushMonitorSpec s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("format", FORMAT);
        n.put("name", s.name());
        if (s.group() != null) {
            n.put("group", s.group());
        }
        // defaults are left out (the reader supplies them): every push monitor's spec is kept in full by the store
        if (!s.enabled()) {
            n.put("enabled", false);
        }
        if (s.expectedInterval() != null) {
            n.put("expected_interval", s.expectedInterval().toString());
        }
        if (!s.gracePeriod().isZero()) {
            n.put("grace_period", s.gracePeriod().toString());
        }
        if (s.schedule() != null) {
            n.put("schedule", s.schedule());
        }
        if (!s.timezone().equals(ZoneOffset.UTC)) {
            n.put("timezone", s.timezone().getId());
        }
        if (s.requirePayload()) {
            n.put("require_payload", true);
        }
        if (!s.notifications().isEmpty()) {
            ArrayNode channels = n.putArray("notifications");
            s.notifications().forEach(channels::add);
        }
        ArrayNode alertOn = n.putArray("alert_on");
        EnumSet<AlertOn> on = EnumSet.noneOf(AlertOn.class);
        on.addAll(s.alertOn());
        on.forEach(a -> alertOn.add(a.name().toLowerCase(Locale.ROOT)));
        if (s.maxRuntime() != null) {
            n.put("max_runtime", s.maxRuntime().toString());
        }
        if (s.failureThreshold() != 1) {
            n.put("failure_threshold", s.failureThreshold());
        }
        if (s.recoveryThreshold() != 1) {
            n.put("recovery_threshold", s.recoveryThreshold());
        }
        if (s.repeatEvery() != null) {
            n.put("repeat_every", s.repeatEvery().toString());
        }
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a monitor spec", e);
        }
    }

    @Override
    public PushMonitorSpec decode(String json) {
        return decoded.get(json, PushMonitorSpecCodec::parse);
    }

    private static PushMonitorSpec parse(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            int format = n.path("format").asInt(-1);
            if (format != FORMAT) {
                throw new IllegalArgumentException("stored monitor spec has format " + format + ", this Vigil reads "
                        + FORMAT + ": upgrade Vigil");
            }
            List<String> channels = new ArrayList<>();
            n.path("notifications").forEach(c -> channels.add(c.asText()));
            EnumSet<AlertOn> alertOn = EnumSet.noneOf(AlertOn.class);
            n.path("alert_on").forEach(a -> alertOn.add(AlertOn.parse(a.asText())));
            return new PushMonitorSpec(
                    n.path("name").asText(),
                    text(n, "group"),
                    n.path("enabled").asBoolean(true),
                    duration(n, "expected_interval"),
                    Duration.parse(n.path("grace_period").asText("PT0S")),
                    text(n, "schedule"),
                    ZoneId.of(n.path("timezone").asText("Z")),
                    n.path("require_payload").asBoolean(false),
                    channels,
                    Set.copyOf(alertOn),
                    duration(n, "max_runtime"),
                    n.path("failure_threshold").asInt(1),
                    n.path("recovery_threshold").asInt(1),
                    duration(n, "repeat_every"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored monitor spec cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    private static @Nullable String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static @Nullable Duration duration(JsonNode n, String field) {
        String v = text(n, field);
        return v == null ? null : Duration.parse(v);
    }
}
