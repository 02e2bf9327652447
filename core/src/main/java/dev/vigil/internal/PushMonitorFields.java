package dev.vigil.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.Text;
import dev.vigil.monitor.AlertOn;
import dev.vigil.monitor.PushMonitorSpec;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A push monitor spec's fields as people write them, mapped once for the YAML configuration and the admin API
 * (seed 002's shape: {@code name}, {@code type}, {@code group}, {@code enabled}, {@code notifications},
 * {@code alert_on} and {@code repeat_every} at the top, the deadline in {@code config}; durations as seconds or
 * {@code 90s}/{@code 1h30m}). Each format presents its fields as a {@link Source} whose errors carry the format's
 * own location: {@code file:line:} for YAML, a 400 for HTTP.
 */
public final class PushMonitorFields {
    /** The top-level fields of a spec. */
    public static final Set<String> MONITOR = Set.of("name", "type", "group", "enabled", "config", "notifications",
            "alert_on", "repeat_every");
    /** A new monitor's: the spec's and its {@code secret_key} (which is not part of the spec). */
    public static final Set<String> CREATE = Set.of("name", "type", "group", "enabled", "config", "notifications",
            "alert_on", "repeat_every", "secret_key");
    public static final Set<String> CONFIG = Set.of("expected_interval", "grace_period", "require_payload",
            "schedule", "timezone", "max_runtime", "failure_threshold", "recovery_threshold", "interval");

    private PushMonitorFields() {
    }

    /**
     * One object's fields as a format presents them: typed reads that are null when the field is absent or null, and
     * that throw the format's error (naming the field) when it has the wrong type.
     */
    public interface Source {
        Source allowOnly(Set<String> fields);

        /** Present, even as an explicit null (which clears the field). */
        boolean has(String field);

        /** Present as an explicit null. */
        boolean isNull(String field);

        @Nullable String string(String field);

        @Nullable Boolean bool(String field);

        @Nullable Integer integer(String field);

        /** Whole seconds, or a duration such as {@code 90s}, {@code 15m}, {@code 1h30m}, {@code 2d}. */
        @Nullable Duration duration(String field);

        @Nullable List<String> strings(String field);

        @Nullable Source object(String field);

        RuntimeException error(String field, String problem);

        /** An error about item {@code index} of the list {@code field}. */
        RuntimeException error(String field, int index, String problem);

        /** The spec rejected {@code field}'s value: its message already names the field. */
        RuntimeException invalid(String field, IllegalArgumentException e);
    }

    /** A new spec from every field {@code f} has; {@code name} is required. */
    public static PushMonitorSpec.Builder create(Source f) {
        return apply(f, PushMonitorSpec.named(name(f)));
    }

    /** Applies every field present in {@code f} to {@code b}; an explicit null clears a field. */
    public static PushMonitorSpec.Builder apply(Source f, PushMonitorSpec.Builder b) {
        String type = f.string("type");
        if (type != null && !type.equalsIgnoreCase("push")) {
            throw f.error("type", "'" + Text.forLog(type) + "' is not supported; Vigil monitors are passive: use "
                    + "type: push");
        }
        if (f.has("name")) {
            b.name(name(f));
        }
        if (f.has("group")) {
            b.group(f.string("group"));
        }
        Boolean enabled = f.bool("enabled");
        if (enabled != null) {
            b.enabled(enabled);
        }
        if (f.has("notifications")) {
            List<String> channels = f.strings("notifications");
            b.notifications(channels == null ? List.of() : channels);
        }
        if (f.has("alert_on")) {
            List<String> names = f.strings("alert_on");
            EnumSet<AlertOn> on = EnumSet.noneOf(AlertOn.class);
            for (int i = 0; names != null && i < names.size(); i++) {
                try {
                    on.add(AlertOn.parse(names.get(i)));
                } catch (IllegalArgumentException e) {
                    throw f.error("alert_on", i, "'" + Text.forLog(names.get(i)) + "' is not one of: down, up");
                }
            }
            b.alertOn(on);
        }
        set(f, "repeat_every", f.has("repeat_every"), f.duration("repeat_every"), b::repeatEvery);
        Source c = f.object("config");
        if (c == null) {
            return b;
        }
        c.allowOnly(CONFIG);
        Duration interval = c.duration("expected_interval");
        String schedule = c.string("schedule");
        if (interval != null && schedule != null) {
            throw f.error("config", "give either expected_interval or schedule, not both");
        }
        set(c, "expected_interval", interval != null, interval, b::expectedInterval);
        set(c, "schedule", schedule != null, schedule, b::schedule);
        String timezone = c.string("timezone");
        if (timezone != null) {
            try {
                b.timezone(timezone);
            } catch (IllegalArgumentException e) {
                throw c.error("timezone", e.getMessage());
            }
        }
        Duration grace = c.duration("grace_period");
        set(c, "grace_period", c.has("grace_period"), grace == null ? Duration.ZERO : grace, b::gracePeriod);
        Boolean requirePayload = c.bool("require_payload");
        if (requirePayload != null) {
            b.requirePayload(requirePayload);
        }
        set(c, "max_runtime", c.has("max_runtime"), c.duration("max_runtime"), b::maxRuntime);
        Integer failures = c.integer("failure_threshold");
        set(c, "failure_threshold", failures != null, failures, b::failureThreshold);
        Integer recoveries = c.integer("recovery_threshold");
        set(c, "recovery_threshold", recoveries != null, recoveries, b::recoveryThreshold);
        c.duration("interval"); // the seed's check frequency: Vigil is deadline-driven, so it is only validated
        return b;
    }

    /** Builds the spec; {@code expected_interval: null} or {@code schedule: null} only goes with giving the other. */
    public static PushMonitorSpec build(Source f, PushMonitorSpec.Builder b) {
        PushMonitorSpec spec = b.build();
        Source c = f.object("config");
        if (c != null && c.isNull("schedule") && spec.schedule() != null) {
            throw c.error("schedule", "cannot be removed on its own; give expected_interval instead");
        }
        if (c != null && c.isNull("expected_interval") && spec.expectedInterval() != null) {
            throw c.error("expected_interval", "cannot be removed on its own; give a schedule instead");
        }
        return spec;
    }

    /** Writes {@code s} in the same shape, durations as whole seconds, absent values as null. */
    public static ObjectNode write(PushMonitorSpec s, ObjectNode o) {
        o.put("name", s.name());
        o.put("group", s.group());
        o.put("enabled", s.enabled());
        ObjectNode c = o.putObject("config");
        seconds(c, "expected_interval", s.expectedInterval());
        seconds(c, "grace_period", s.gracePeriod());
        c.put("require_payload", s.requirePayload());
        c.put("schedule", s.schedule());
        c.put("timezone", s.timezone().equals(ZoneOffset.UTC) ? "UTC" : s.timezone().getId());
        seconds(c, "max_runtime", s.maxRuntime());
        c.put("failure_threshold", s.failureThreshold());
        c.put("recovery_threshold", s.recoveryThreshold());
        seconds(o, "repeat_every", s.repeatEvery());
        ArrayNode channels = o.putArray("notifications");
        s.notifications().forEach(channels::add);
        ArrayNode alertOn = o.putArray("alert_on");
        for (AlertOn on : AlertOn.values()) {
            if (s.alertOn().contains(on)) {
                alertOn.add(on.name().toLowerCase(Locale.ROOT));
            }
        }
        return o;
    }

    private static String name(Source f) {
        String name = f.string("name");
        if (name == null) {
            throw f.error("name", "is required");
        }
        return name;
    }

    /** Calls {@code setter} when {@code given}, turning the spec's rejection into the source's error. */
    private static <T> void set(Source f, String field, boolean given, @Nullable T value, Consumer<T> setter) {
        if (given) {
            try {
                setter.accept(value);
            } catch (IllegalArgumentException e) {
                throw f.invalid(field, e);
            }
        }
    }

    private static void seconds(ObjectNode o, String field, @Nullable Duration d) {
        if (d == null) {
            o.putNull(field);
        } else {
            o.put(field, d.toSeconds());
        }
    }
}
