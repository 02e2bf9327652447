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
 * A push monitor's spec as a small JSON document; durations in ISO-8601 ({@code PT1H30M}), so they round-trip
 * exactly. Every push monitor's spec is kept in full by the store, so format 2 (written now) uses short names and
 * leaves every default out; format 1 (snake_case names, {@code alert_on} always written) is still read, since stores
 * never migrate their texts. Decoded specs are cached by their JSON: a push reads its monitor every time, and parsing
 * plus validation (a cron expression, say) is not free.
 */
final class PushMonitorSpecCodec implements Codec<PushMonitorSpec> {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int FORMAT = 2;
    private static final Set<AlertOn> DEFAULT_ALERT_ON = Set.of(AlertOn.values());

    /** The field names of a format. */
    private record Names(String name, String group, String enabled, String expectedInterval, String gracePeriod,
            String schedule, String timezone, String requirePayload, String notifications, String alertOn,
            String maxRuntime, String failureThreshold, String recoveryThreshold, String repeatEvery) {
    }

    private static final Names FORMAT_1 = new Names("name", "group", "enabled", "expected_interval", "grace_period",
            "schedule", "timezone", "require_payload", "notifications", "alert_on", "max_runtime", "failure_threshold",
            "recovery_threshold", "repeat_every");
    private static final Names FORMAT_2 = new Names("n", "g", "e", "i", "gp", "c", "tz", "rp", "ch", "ao", "mr", "ft",
            "rt", "re");

    private final Cache<String, PushMonitorSpec> decoded = Caffeine.newBuilder().maximumSize(10_000).build();

    @Override
    public String encode(PushMonitorSpec s) {
        Names f = FORMAT_2;
        ObjectNode n = MAPPER.createObjectNode();
        n.put("format", FORMAT);
        n.put(f.name(), s.name());
        if (s.group() != null) {
            n.put(f.group(), s.group());
        }
        if (!s.enabled()) {
            n.put(f.enabled(), false);
        }
        if (s.expectedInterval() != null) {
            n.put(f.expectedInterval(), s.expectedInterval().toString());
        }
        if (!s.gracePeriod().isZero()) {
            n.put(f.gracePeriod(), s.gracePeriod().toString());
        }
        if (s.schedule() != null) {
            n.put(f.schedule(), s.schedule());
        }
        if (!s.timezone().equals(ZoneOffset.UTC)) {
            n.put(f.timezone(), s.timezone().getId());
        }
        if (s.requirePayload()) {
            n.put(f.requirePayload(), true);
        }
        if (!s.notifications().isEmpty()) {
            ArrayNode channels = n.putArray(f.notifications());
            s.notifications().forEach(channels::add);
        }
        if (!s.alertOn().equals(DEFAULT_ALERT_ON)) {
            ArrayNode alertOn = n.putArray(f.alertOn());
            EnumSet<AlertOn> on = EnumSet.noneOf(AlertOn.class);
            on.addAll(s.alertOn());
            on.forEach(a -> alertOn.add(a.name().toLowerCase(Locale.ROOT)));
        }
        if (s.maxRuntime() != null) {
            n.put(f.maxRuntime(), s.maxRuntime().toString());
        }
        if (s.failureThreshold() != 1) {
            n.put(f.failureThreshold(), s.failureThreshold());
        }
        if (s.recoveryThreshold() != 1) {
            n.put(f.recoveryThreshold(), s.recoveryThreshold());
        }
        if (s.repeatEvery() != null) {
            n.put(f.repeatEvery(), s.repeatEvery().toString());
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
            if (format != 1 && format != 2) {
                throw new IllegalArgumentException("stored monitor spec has format " + format + ", this Vigil reads 1"
                        + " and " + FORMAT + ": upgrade Vigil");
            }
            Names f = format == 1 ? FORMAT_1 : FORMAT_2;
            List<String> channels = new ArrayList<>();
            n.path(f.notifications()).forEach(c -> channels.add(c.asText()));
            Set<AlertOn> alertOn;
            if (format == 2 && !n.has(f.alertOn())) {
                alertOn = DEFAULT_ALERT_ON;
            } else {
                EnumSet<AlertOn> on = EnumSet.noneOf(AlertOn.class);
                n.path(f.alertOn()).forEach(a -> on.add(AlertOn.parse(a.asText())));
                alertOn = Set.copyOf(on);
            }
            return new PushMonitorSpec(
                    n.path(f.name()).asText(),
                    text(n, f.group()),
                    n.path(f.enabled()).asBoolean(true),
                    duration(n, f.expectedInterval()),
                    Duration.parse(n.path(f.gracePeriod()).asText("PT0S")),
                    text(n, f.schedule()),
                    ZoneId.of(n.path(f.timezone()).asText("Z")),
                    n.path(f.requirePayload()).asBoolean(false),
                    channels,
                    alertOn,
                    duration(n, f.maxRuntime()),
                    n.path(f.failureThreshold()).asInt(1),
                    n.path(f.recoveryThreshold()).asInt(1),
                    duration(n, f.repeatEvery()));
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
