package dev.vigil.model;

import java.time.Instant;
import java.util.Map;

/**
 * Something pushed to Vigil, as a flat map of fields with its source and time. Every accepted input becomes one,
 * published after its write committed; heartbeat patterns match their fields, and hosts observe them with
 * {@code Vigil.Builder#onSignal}. Every signal carries {@code connector}, {@code connector_name}, {@code component}
 * and {@code resource} (Canopsis-style), so patterns can match any source; the README lists each source's fields.
 *
 * @param source where it came from, e.g. {@link #PUSH}
 */
public record Signal(String source, Instant at, Map<String, String> fields) {
    /** A push monitor's push (seed 002). */
    public static final String PUSH = "push";
    /** A service's health report (seed 000). */
    public static final String HEALTH_REPORT = "health_report";
    /** A service's storage report (seed 000). */
    public static final String STORAGE_REPORT = "storage_report";
    /** A backup report, one signal per service it reached (seed 000). */
    public static final String BACKUP_REPORT = "backup_report";
    /** A sample of an app metric (seed 003's data in): one signal per sample. */
    public static final String APP_METRIC = "app_metric";
    /** A crash of an app's dyno (seed 003's data in). */
    public static final String APP_CRASH = "app_crash";
    /** A release of an app (seed 003's data in). */
    public static final String APP_RELEASE = "app_release";
    /** A Canopsis check event, {@code POST /api/v2/event} (seed 004). */
    public static final String CHECK_EVENT = "check_event";
    /** An ingested event, one signal per entity it reached (seed 001). */
    public static final String EVENT = "event";

    public Signal {
        fields = Map.copyOf(fields);
    }

    /** A field's value, or null. */
    public @org.jspecify.annotations.Nullable String field(String name) {
        return fields.get(name);
    }
}
