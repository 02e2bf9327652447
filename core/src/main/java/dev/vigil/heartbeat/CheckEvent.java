package dev.vigil.heartbeat;

import dev.vigil.model.Text;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Canopsis check event ({@code POST /api/v2/event}): Vigil publishes it as a signal (source
 * {@code check_event}) that heartbeats match and hosts observe; Canopsis' own alarm management is not reproduced.
 *
 * @param eventType  {@code check} (others, such as {@code log}, are accepted and published the same way)
 * @param sourceType {@code component} or {@code resource}; a resource event needs {@code resource}
 * @param state      0 (ok) to 3 (critical); required for a {@code check} event
 * @param timestamp  when it happened, UNIX seconds, as the sender gave it (kept as a field; matching uses the time
 *                   Vigil received it)
 * @param extra      other top-level fields with a text, number or boolean value, as text
 */
public record CheckEvent(
        String connector,
        String connectorName,
        String eventType,
        String sourceType,
        String component,
        @Nullable String resource,
        @Nullable Integer state,
        @Nullable String output,
        @Nullable Long timestamp,
        Map<String, String> extra) {

    /** The fields a check event names; {@link #extra} holds the others. */
    public static final Set<String> STANDARD_FIELDS = Set.of("connector", "connector_name", "event_type",
            "source_type", "component", "resource", "state", "output", "timestamp");
    /** Longest value of a named field (the output may be longer). */
    public static final int MAX_LENGTH = 500;
    /** Longest output or extra value. */
    public static final int MAX_TEXT_LENGTH = 10_000;
    /** Most extra fields. */
    public static final int MAX_EXTRA = 100;

    public CheckEvent {
        required("connector", connector);
        required("connector_name", connectorName);
        required("event_type", eventType);
        required("source_type", sourceType);
        required("component", component);
        if (!sourceType.equals("component") && !sourceType.equals("resource")) {
            throw new IllegalArgumentException("source_type must be component or resource, got '"
                    + Text.forLog(cut(sourceType)) + "'");
        }
        if (sourceType.equals("resource")) {
            required("resource", resource);
        } else if (resource != null) {
            text("resource", resource, MAX_LENGTH);
        }
        if (eventType.equals("check") && state == null) {
            throw new IllegalArgumentException("a check event needs a state (0 to 3)");
        }
        if (state != null && (state < 0 || state > 3)) {
            throw new IllegalArgumentException("state must be 0, 1, 2 or 3, got " + state);
        }
        if (output != null) {
            text("output", output, MAX_TEXT_LENGTH);
        }
        if (timestamp != null && timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be UNIX seconds, got " + timestamp);
        }
        Objects.requireNonNull(extra, "extra");
        if (extra.size() > MAX_EXTRA) {
            throw new IllegalArgumentException("a check event has at most " + MAX_EXTRA + " other fields");
        }
        for (Map.Entry<String, String> e : extra.entrySet()) {
            if (STANDARD_FIELDS.contains(e.getKey())) {
                throw new IllegalArgumentException("'" + e.getKey() + "' is a named field, not an extra one");
            }
            text("a field name", e.getKey(), MAX_LENGTH);
            text(e.getKey(), Objects.requireNonNull(e.getValue(), e.getKey()), MAX_TEXT_LENGTH);
        }
        extra = Map.copyOf(extra);
    }

    /** A check event of a resource: connector, connector name, component, resource and state. */
    public static CheckEvent check(String connector, String connectorName, String component, String resource,
            int state) {
        return new CheckEvent(connector, connectorName, "check", "resource", component, resource, state, null, null,
                Map.of());
    }

    /** A check event of a component (no resource). */
    public static CheckEvent componentCheck(String connector, String connectorName, String component, int state) {
        return new CheckEvent(connector, connectorName, "check", "component", component, null, state, null, null,
                Map.of());
    }

    /** The same event with an output. */
    public CheckEvent withOutput(@Nullable String newOutput) {
        return new CheckEvent(connector, connectorName, eventType, sourceType, component, resource, state, newOutput,
                timestamp, extra);
    }

    /**
     * The signal's fields: the named ones under their Canopsis names ({@code connector}, {@code connector_name},
     * {@code event_type}, {@code source_type}, {@code component}, {@code resource} when given, {@code state} as
     * {@code 0}..{@code 3}, {@code output}, {@code timestamp}), then the extra ones.
     */
    public Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>(extra);
        f.put("connector", connector);
        f.put("connector_name", connectorName);
        f.put("event_type", eventType);
        f.put("source_type", sourceType);
        f.put("component", component);
        if (resource != null) {
            f.put("resource", resource);
        }
        if (state != null) {
            f.put("state", state.toString());
        }
        if (output != null) {
            f.put("output", output);
        }
        if (timestamp != null) {
            f.put("timestamp", timestamp.toString());
        }
        return f;
    }

    private static void required(String field, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " is required");
        }
        text(field, value, MAX_LENGTH);
    }

    private static void text(String field, String value, int max) {
        if (value.length() > max || !Text.isStorable(value)) {
            throw new IllegalArgumentException(field + " must be at most " + max
                    + " characters without NUL or unpaired surrogates");
        }
    }

    private static String cut(String s) {
        return s.length() > 40 ? s.substring(0, 40) : s;
    }
}
