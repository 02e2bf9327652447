package dev.vigil.internal;

import dev.vigil.model.Signal;
import dev.vigil.model.Text;
import dev.vigil.spi.AppendedRecord;
import dev.vigil.task.Apps;
import dev.vigil.task.Crash;
import dev.vigil.task.Metric;
import dev.vigil.task.MetricSample;
import dev.vigil.task.Release;
import dev.vigil.task.TaskSpec;
import dev.vigil.task.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * {@link Apps}: metric samples go to {@link AppSamples} (roll-ups and rings), crashes and releases to the append-only
 * area (stream {@value #EVENTS}, kept {@link #EVENT_RETENTION}) and then, once each, to the app's crashed or release
 * task as an occurrence. Every accepted input is published as a signal after its write.
 */
public final class AppService implements Apps {
    static final String EVENTS = "app_event";
    static final Duration EVENT_RETENTION = Duration.ofDays(7);
    static final int MAX_SAMPLES = 10_000;
    static final int MAX_TEXT = 2000;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final Engine engine;
    private final TaskService tasks;
    private final AppSamples samples;
    private final SignalBus signals;
    private final AtomicLong prunedMinute = new AtomicLong(Long.MIN_VALUE);

    public AppService(Engine engine, TaskService tasks, SignalBus signals) {
        this.engine = engine;
        this.tasks = tasks;
        this.samples = tasks.kind().samples();
        this.signals = signals;
    }

    @Override
    public int record(String app, List<MetricSample> in) {
        TaskSpec.requireApp(app);
        if (in.size() > MAX_SAMPLES) {
            throw new IllegalArgumentException("at most " + MAX_SAMPLES + " samples at once, got " + in.size());
        }
        Instant now = engine.now();
        List<AppSamples.Timed> timed = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            MetricSample s = in.get(i);
            String where = in.size() == 1 ? "" : "[" + i + "] ";
            if (s == null) {
                throw new IllegalArgumentException(where + "sample is missing");
            }
            Instant at = checkTime(where + "timestamp", s.at(), now);
            timed.add(new AppSamples.Timed(s.metric(), s.value(), s.dyno() == null ? "" : s.dyno(),
                    AppSamples.minute(at.toEpochMilli())));
        }
        samples.record(app, timed);
        for (int i = 0; i < in.size(); i++) {
            MetricSample s = in.get(i);
            Instant at = s.at() == null ? now : s.at();
            signals.publish(() -> {
                Map<String, String> f = fields(app, "metrics", s.dyno() == null ? s.metric().wireName() : s.dyno());
                f.put("metric", s.metric().wireName());
                f.put("value", TaskLogic.number(s.value()));
                if (s.dyno() != null) {
                    f.put("dyno", s.dyno());
                    f.put("dyno_type", TaskSpec.dynoType(s.dyno()));
                }
                return new Signal(Signal.APP_METRIC, at, f);
            });
        }
        pruneNowAndThen(now);
        return in.size();
    }

    @Override
    public void crash(String app, Crash c) {
        TaskSpec.requireApp(app);
        Instant now = engine.now();
        String dyno = text("dyno", c.dyno());
        String reason = text("reason", c.reason());
        Instant at = checkTime("timestamp", c.at(), now);
        Map<String, String> f = fields(app, "crashes", dyno == null ? "app" : dyno);
        if (dyno != null) {
            f.put("dyno", dyno);
            f.put("dyno_type", TaskSpec.dynoType(dyno));
        }
        if (reason != null) {
            f.put("reason", reason);
        }
        occurrence(TaskType.CRASHED, app, at, c.at() != null, f, "dyno " + (dyno == null ? "(unknown)" : dyno)
                + " of " + app + " crashed" + (reason == null ? "" : ": " + reason), Signal.APP_CRASH);
    }

    @Override
    public void release(String app, Release r) {
        TaskSpec.requireApp(app);
        Instant now = engine.now();
        String version = text("version", r.version());
        String description = text("description", r.description());
        Instant at = checkTime("timestamp", r.at(), now);
        Map<String, String> f = fields(app, "releases", "release");
        if (version != null) {
            f.put("version", version);
        }
        if (description != null) {
            f.put("description", description);
        }
        occurrence(TaskType.RELEASE, app, at, r.at() != null, f, app + " released"
                + (version == null ? "" : " version " + version) + (description == null ? "" : ": " + description),
                Signal.APP_RELEASE);
    }

    /**
     * Appends the occurrence and notifies the app's task once: an occurrence sent again with the same timestamp and
     * fields (a retried request) is recognised by its id and not notified twice.
     */
    private void occurrence(TaskType type, String app, Instant at, boolean stamped, Map<String, String> fields,
            String reason, String source) {
        String tag = type == TaskType.CRASHED ? "crash" : "release";
        String id = stamped ? digest(app + '\n' + tag + '\n' + at.toEpochMilli() + '\n' + new java.util.TreeMap<>(fields))
                : IdempotencyKeys.stableNumber(tag + " " + app).stream()
                        .mapToObj(n -> Long.toUnsignedString(n, 36)).findFirst().orElseGet(Ids::newId);
        String body;
        try {
            body = JSON.writeValueAsString(fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an occurrence", e);
        }
        boolean seen = engine.store().records().find(EVENTS, id).isPresent();
        if (!seen) {
            engine.store().records().append(List.of(new AppendedRecord(EVENTS, id, app, at, tag, body)));
            Map<String, String> labels = new LinkedHashMap<>(fields);
            labels.keySet().removeAll(List.of("connector", "connector_name", "component", "resource"));
            labels.put("occurred_at", at.toString());
            tasks.occurrence(type, app, reason, labels);
        }
        signals.publish(() -> new Signal(source, at, fields));
    }

    private void pruneNowAndThen(Instant now) {
        long minute = AppSamples.minute(now.toEpochMilli());
        long last = prunedMinute.get();
        if (minute > last && prunedMinute.compareAndSet(last, minute)) {
            samples.prune(now);
            engine.store().records().prune(EVENTS, now.minus(EVENT_RETENTION));
        }
    }

    private static Map<String, String> fields(String app, String connectorName, String resource) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("connector", "vigil");
        f.put("connector_name", connectorName);
        f.put("component", app);
        f.put("resource", resource);
        f.put("app", app);
        return f;
    }

    private static Instant checkTime(String field, @Nullable Instant at, Instant now) {
        if (at == null) {
            return now;
        }
        if (at.isAfter(now.plus(MAX_FUTURE))) {
            throw new IllegalArgumentException(field + ": " + at + " is more than " + MAX_FUTURE.toMinutes()
                    + " minutes ahead of Vigil's clock (" + now + ")");
        }
        if (at.isBefore(now.minus(MAX_AGE))) {
            throw new IllegalArgumentException(field + ": " + at + " is older than " + MAX_AGE.toHours()
                    + " hours, the longest window a task has");
        }
        return at;
    }

    private static @Nullable String text(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw new IllegalArgumentException(field + ": at most " + MAX_TEXT + " characters, got " + value.length());
        }
        return Text.storable(value.strip());
    }

    private static String digest(String s) {
        return HexFormat.of().formatHex(Secrets.sha256(s), 0, 16);
    }
}
