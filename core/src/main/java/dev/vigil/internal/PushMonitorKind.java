package dev.vigil.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.io.IOException;
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
    public Outcome<MonitorState> onDue(String key, PushMonitorSpec spec, MonitorState state, Instant now) {
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

    /**
     * The state as a small JSON object: instants as epoch millis, nulls and zero counters left out, and short field
     * names, since every monitor's state is kept in full by the store:
     *
     * <table>
     * <caption>field names</caption>
     * <tr><td>{@code s}</td><td>status</td></tr>
     * <tr><td>{@code ss}</td><td>status since; left out when it is the last push</td></tr>
     * <tr><td>{@code lp}, {@code eb}</td><td>last push at, expected by</td></tr>
     * <tr><td>{@code rs}</td><td>running since</td></tr>
     * <tr><td>{@code cf}, {@code cs}</td><td>consecutive failures, successes</td></tr>
     * <tr><td>{@code n}, {@code r}</td><td>push count, reminders sent</td></tr>
     * <tr><td>{@code ps}, {@code pm}</td><td>last push status, message</td></tr>
     * <tr><td>{@code h}</td><td>secret hash</td></tr>
     * </table>
     *
     * <p>Stores never migrate their texts, so the long snake_case names that Vigil wrote before (and the schema
     * migration of version 2 writes) are read as well.
     */
    private static final class StateCodec implements Codec<MonitorState> {
        @Override
        public String encode(MonitorState s) {
            // straight into a builder, not through a Jackson generator: this runs on every push
            JsonText json = new JsonText(160 + length(s.lastPushStatus()) + length(s.lastPushMessage()));
            json.string("s", s.status().name());
            if (!s.statusSince().equals(s.lastPushAt())) {
                json.number("ss", s.statusSince().toEpochMilli());
            }
            json.millisIfSet("lp", s.lastPushAt());
            json.millisIfSet("eb", s.expectedBy());
            json.millisIfSet("rs", s.runningSince());
            count(json, "cf", s.consecutiveFailures());
            count(json, "cs", s.consecutiveSuccesses());
            count(json, "n", s.pushCount());
            json.stringIfSet("ps", s.lastPushStatus());
            json.stringIfSet("pm", s.lastPushMessage());
            count(json, "r", s.remindersSent());
            json.string("h", s.secretHash());
            return json.end();
        }

        @Override
        public MonitorState decode(String text) {
            // a streaming parser rather than a tree: this runs on every push
            MonitorStatus status = null;
            Long statusSince = null;
            Long lastPushAt = null;
            Long expectedBy = null;
            Long runningSince = null;
            int failures = 0;
            int successes = 0;
            long pushCount = 0;
            String lastStatus = null;
            String lastMessage = null;
            int reminders = 0;
            String secretHash = null;
            try (JsonParser p = MAPPER.getFactory().createParser(text)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                String field;
                while ((field = p.nextFieldName()) != null) {
                    JsonToken value = p.nextToken();
                    if (value == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    switch (field) {
                        case "s", "status" -> status = MonitorStatus.valueOf(p.getText());
                        case "ss", "status_since" -> statusSince = p.getLongValue();
                        case "lp", "last_push_at" -> lastPushAt = p.getLongValue();
                        case "eb", "expected_by" -> expectedBy = p.getLongValue();
                        case "rs", "running_since" -> runningSince = p.getLongValue();
                        case "cf", "consecutive_failures" -> failures = p.getIntValue();
                        case "cs", "consecutive_successes" -> successes = p.getIntValue();
                        case "n", "push_count" -> pushCount = p.getLongValue();
                        case "ps", "last_push_status" -> lastStatus = p.getText();
                        case "pm", "last_push_message" -> lastMessage = p.getText();
                        case "r", "reminders_sent" -> reminders = p.getIntValue();
                        case "h", "secret_hash" -> secretHash = p.getText();
                        default -> p.skipChildren(); // written by a newer Vigil: ignored
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("stored push monitor state cannot be read: " + e.getMessage(), e);
            }
            if (statusSince == null) {
                statusSince = lastPushAt;
            }
            if (status == null || statusSince == null || secretHash == null) {
                throw new IllegalArgumentException("stored push monitor state lacks its status, its time or its"
                        + " secret hash");
            }
            Instant lastPush = instant(lastPushAt);
            Instant since = statusSince.equals(lastPushAt) ? lastPush : Instant.ofEpochMilli(statusSince);
            return new MonitorState(status, since, lastPush, instant(expectedBy), instant(runningSince), failures,
                    successes, pushCount, lastStatus, lastMessage, reminders, secretHash);
        }

        private static @Nullable Instant instant(@Nullable Long epochMillis) {
            return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
        }

        private static void count(JsonText json, String field, long count) {
            if (count != 0) {
                json.number(field, count);
            }
        }

        private static int length(@Nullable String s) {
            return s == null ? 0 : s.length();
        }
    }
}
