package dev.vigil.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.internal.PushMonitorLogic.Result;
import dev.vigil.kind.Change;
import dev.vigil.kind.Codec;
import dev.vigil.kind.Outcome;
import dev.vigil.kind.SubjectKind;
import dev.vigil.kind.Target;
import dev.vigil.model.Decision;
import dev.vigil.model.Severity;
import dev.vigil.monitor.AlertOn;
import dev.vigil.monitor.MonitorStatus;
import dev.vigil.monitor.PushMonitorSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Push monitors (seed 002) as a subject kind: key = the numeric id, spec = {@link PushMonitorSpec}, state =
 * {@link MonitorState}. The state machine itself is {@link PushMonitorLogic}.
 */
public final class PushMonitorKind implements SubjectKind<PushMonitorSpec, MonitorState> {
    public static final String NAME = "push_monitor";
    /** The sequence push monitor ids come from. */
    public static final String ID_SEQUENCE = NAME;
    public static final PushMonitorKind INSTANCE = new PushMonitorKind();

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final PushMonitorSpecCodec specCodec = new PushMonitorSpecCodec();
    private final Codec<MonitorState> stateCodec = new StateCodec();

    private PushMonitorKind() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Codec<PushMonitorSpec> specCodec() {
        return specCodec;
    }

    @Override
    public Codec<MonitorState> stateCodec() {
        return stateCodec;
    }

    @Override
    public String displayName(String key, PushMonitorSpec spec) {
        return spec.name();
    }

    @Override
    public String status(PushMonitorSpec spec, MonitorState state) {
        return state.status().name();
    }

    @Override
    public @Nullable Instant nextDue(PushMonitorSpec spec, MonitorState state) {
        return PushMonitorLogic.nextDue(spec, state);
    }

    @Override
    public Outcome<MonitorState> onDue(PushMonitorSpec spec, MonitorState state, Instant now) {
        return outcome(spec, PushMonitorLogic.onDue(spec, state, now));
    }

    @Override
    public Duration period(PushMonitorSpec spec) {
        Duration interval = spec.expectedInterval() != null ? spec.expectedInterval() : Duration.ZERO;
        return interval.plus(spec.gracePeriod());
    }

    @Override
    public MonitorState afterGap(PushMonitorSpec spec, MonitorState state, Instant gapEnd) {
        return PushMonitorLogic.afterGap(spec, state, gapEnd);
    }

    @Override
    public Map<String, String> labels(String key, PushMonitorSpec spec, MonitorState state) {
        return spec.group() == null ? Map.of("id", key) : Map.of("id", key, "group", spec.group());
    }

    @Override
    public List<Target> targets(PushMonitorSpec spec) {
        return spec.notifications().stream().map(Target::channel).toList();
    }

    @Override
    public String linkPath(String key) {
        return "/api/v1/monitors/" + key;
    }

    /** The logic's result as the engine's outcome: severities, and changes that are no alert made quiet. */
    static Outcome<MonitorState> outcome(PushMonitorSpec spec, Result r) {
        if (r.changes().isEmpty()) {
            return Outcome.of(r.state());
        }
        List<Change> changes = new ArrayList<>(r.changes().size());
        for (PushMonitorLogic.Change c : r.changes()) {
            Severity severity = c.to() == MonitorStatus.DOWN ? Severity.CRITICAL
                    : c.from() == MonitorStatus.DOWN && c.to() == MonitorStatus.UP ? Severity.RESOLVED
                    : Severity.INFO;
            Change change = Change.of(c.from().name(), c.to().name(), severity, c.reason());
            if (c.from() == c.to()) {
                change = change.withType(dev.vigil.model.TransitionType.REMINDER);
            }
            String notAlert = notAnAlert(spec, c);
            changes.add(notAlert == null ? change : change.quiet(Decision.NOT_ROUTED, notAlert));
        }
        return new Outcome<>(r.state(), changes);
    }

    /** Why a change is not an alert for this monitor, or null when it is one (DOWN, or recovery from DOWN). */
    static @Nullable String notAnAlert(PushMonitorSpec spec, PushMonitorLogic.Change c) {
        if (c.to() == MonitorStatus.DOWN) {
            return spec.alertOn().contains(AlertOn.DOWN) ? null : "alert_on does not include down";
        }
        if (c.to() == MonitorStatus.UP && c.from() == MonitorStatus.DOWN) {
            return spec.alertOn().contains(AlertOn.UP) ? null : "alert_on does not include up";
        }
        if (c.from() == MonitorStatus.NO_PUSH_YET) {
            return "a first push is not an alert";
        }
        return "pause and resume are not alerts";
    }

    /** The state as JSON with stable snake_case names, instants as epoch millis, nulls left out. */
    private static final class StateCodec implements Codec<MonitorState> {
        @Override
        public String encode(MonitorState s) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("status", s.status().name());
            n.put("status_since", s.statusSince().toEpochMilli());
            putInstant(n, "last_push_at", s.lastPushAt());
            putInstant(n, "expected_by", s.expectedBy());
            putInstant(n, "running_since", s.runningSince());
            n.put("consecutive_failures", s.consecutiveFailures());
            n.put("consecutive_successes", s.consecutiveSuccesses());
            n.put("push_count", s.pushCount());
            if (s.lastPushStatus() != null) {
                n.put("last_push_status", s.lastPushStatus());
            }
            if (s.lastPushMessage() != null) {
                n.put("last_push_message", s.lastPushMessage());
            }
            n.put("reminders_sent", s.remindersSent());
            n.put("secret_hash", s.secretHash());
            return n.toString();
        }

        @Override
        public MonitorState decode(String text) {
            try {
                JsonNode n = MAPPER.readTree(text);
                return new MonitorState(
                        MonitorStatus.valueOf(n.path("status").asText()),
                        Instant.ofEpochMilli(n.path("status_since").asLong()),
                        instant(n, "last_push_at"),
                        instant(n, "expected_by"),
                        instant(n, "running_since"),
                        n.path("consecutive_failures").asInt(),
                        n.path("consecutive_successes").asInt(),
                        n.path("push_count").asLong(),
                        text(n, "last_push_status"),
                        text(n, "last_push_message"),
                        n.path("reminders_sent").asInt(),
                        n.path("secret_hash").asText());
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new IllegalArgumentException("stored push monitor state cannot be read: " + e.getMessage(), e);
            }
        }

        private static void putInstant(ObjectNode n, String field, @Nullable Instant at) {
            if (at != null) {
                n.put(field, at.toEpochMilli());
            }
        }

        private static @Nullable Instant instant(JsonNode n, String field) {
            JsonNode v = n.get(field);
            return v == null || v.isNull() ? null : Instant.ofEpochMilli(v.asLong());
        }

        private static @Nullable String text(JsonNode n, String field) {
            JsonNode v = n.get(field);
            return v == null || v.isNull() ? null : v.asText();
        }
    }
}
