package dev.vigil.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.Transition;
import dev.vigil.model.TransitionType;
import dev.vigil.notify.HttpPoster;
import dev.vigil.notify.Notification;
import dev.vigil.notify.NotificationText;
import dev.vigil.notify.Notifier;
import dev.vigil.notify.OutboundPolicy;
import dev.vigil.notify.UndeliverableException;
import dev.vigil.notify.WebhookNotifier;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Delivers a task's {@code post} target: Kapacitor's alert JSON ({@code id}, {@code message}, {@code details},
 * {@code time}, {@code duration} in nanoseconds, {@code level}, {@code previousLevel}, {@code data.series}), as the
 * receivers of kapacitor-alerts-api's tasks parse it, POSTed through the outbound policy (SSRF guard, no redirects),
 * with the notification id as {@code Idempotency-Key}.
 */
public final class KapacitorPostNotifier implements Notifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpPoster poster;

    public KapacitorPostNotifier(OutboundPolicy policy) {
        this.poster = new HttpPoster(policy, Duration.ofSeconds(10));
    }

    @Override
    public void deliver(Notification n) throws Exception {
        if (n.address() == null) {
            throw new UndeliverableException("this channel posts only to tasks' own post URLs");
        }
        URI uri;
        try {
            uri = OutboundPolicy.checkSyntax(n.address());
        } catch (IllegalArgumentException e) {
            throw new UndeliverableException("post URL is invalid: " + e.getMessage());
        }
        poster.post(uri, JSON.writeValueAsBytes(body(n.transition())),
                Map.of(WebhookNotifier.IDEMPOTENCY_HEADER, n.id()));
    }

    static ObjectNode body(Transition t) {
        Map<String, String> l = t.labels();
        String app = l.getOrDefault(TaskKind.LABEL_APP, t.key());
        String task = l.getOrDefault(TaskKind.LABEL_TASK, "task");
        ObjectNode o = JSON.createObjectNode();
        o.put("id", t.aspect().isEmpty() ? t.key() : t.key() + ":" + t.aspect());
        o.put("message", app + " " + task + " " + t.to() + ": " + t.reason());
        o.put("details", NotificationText.plain(t));
        o.put("time", t.at().toString());
        Long since = TaskLogic.alertSince(l.get(TaskLogic.LABEL_ALERT_SINCE));
        long nanos = since == null || t.type() == TransitionType.OCCURRENCE ? 0
                : Math.max(0, Duration.between(Instant.ofEpochMilli(since), t.at()).toNanos());
        o.put("duration", nanos);
        o.put("level", t.to());
        o.put("previousLevel", t.from());
        ObjectNode series = o.putObject("data").putArray("series").addObject();
        series.put("name", task);
        ObjectNode tags = series.putObject("tags");
        tags.put("app", app);
        for (String tag : new String[] {TaskLogic.LABEL_DYNO, "dyno_type", TaskKind.LABEL_DYNOTYPE}) {
            if (l.containsKey(tag)) {
                tags.put(tag, l.get(tag));
            }
        }
        ArrayNode columns = series.putArray("columns");
        ArrayNode row = series.putArray("values").addArray();
        columns.add("time");
        row.add(t.at().toString());
        if (t.type() == TransitionType.OCCURRENCE) {
            for (String f : new String[] {"reason", "version", "description", "occurred_at"}) {
                if (l.containsKey(f)) {
                    columns.add(f);
                    row.add(l.get(f));
                }
            }
        } else {
            addNumber(columns, row, "value", l.get(TaskLogic.LABEL_VALUE));
            addNumber(columns, row, "sigma", l.get(TaskLogic.LABEL_SIGMA));
        }
        return o;
    }

    private static void addNumber(ArrayNode columns, ArrayNode row, String name, @org.jspecify.annotations.Nullable
            String value) {
        if (value == null) {
            return;
        }
        columns.add(name);
        try {
            row.add(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            row.add(value);
        }
    }

    @Override
    public String toString() {
        return "KapacitorPostNotifier";
    }
}
