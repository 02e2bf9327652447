package dev.vigil.http.internal;

import dev.vigil.http.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.internal.PushMonitorFields;
import dev.vigil.monitor.PushMonitor;
import dev.vigil.model.Silence;
import dev.vigil.model.Transition;
import dev.vigil.notify.NotificationText;
import dev.vigil.spi.OutboxEntry;
import java.time.Instant;
import java.util.Locale;

/** The admin API's JSON shapes (snake_case, like seed 002). */
final class Views {
    private Views() {
    }

    static ObjectNode monitor(PushMonitor m) {
        ObjectNode spec = PushMonitorFields.write(m.spec(), Json.object());
        ObjectNode o = Json.object();
        o.put("id", m.id());
        o.set("name", spec.get("name")); // where the API has always shown them; setAll below keeps the places
        o.set("group", spec.get("group"));
        o.put("type", "push");
        o.put("status", m.status().name());
        o.put("status_since", Json.instant(m.statusSince()));
        o.set("enabled", spec.get("enabled"));
        o.put("last_push_at", Json.instant(m.lastPushAt()));
        o.put("last_push_status", m.lastPushStatus());
        o.put("last_push_message", m.lastPushMessage());
        o.put("running_since", Json.instant(m.runningSince()));
        o.put("next_expected_by", Json.instant(m.nextExpectedBy()));
        o.put("push_count", m.pushCount());
        o.put("created_at", Json.instant(m.createdAt()));
        return o.setAll(spec);
    }

    static ObjectNode transition(Transition t) {
        ObjectNode o = Json.object();
        o.put("id", t.id());
        if (!t.aspect().isEmpty()) {
            o.put("aspect", t.aspect());
        }
        o.put("type", t.type().wireName());
        o.put("from", t.from());
        o.put("to", t.to());
        o.put("severity", t.severity().wireName());
        o.put("at", Json.instant(t.at()));
        o.put("reason", t.reason());
        o.put("notified", t.notified());
        o.put("decision", t.decision().name().toLowerCase(Locale.ROOT));
        o.put("decision_detail", t.decisionDetail());
        return o;
    }

    static ObjectNode silence(Silence s, Instant now) {
        ObjectNode o = Json.object();
        o.put("id", s.id());
        ArrayNode m = o.putArray("matchers");
        s.matchers().forEach(x -> m.add(x.toString()));
        o.put("starts_at", Json.instant(s.startsAt()));
        o.put("ends_at", Json.instant(s.endsAt()));
        o.put("status", s.isActive(now) ? "active" : now.isBefore(s.startsAt()) ? "pending" : "expired");
        o.put("created_by", s.createdBy());
        o.put("comment", s.comment());
        o.put("created_at", Json.instant(s.createdAt()));
        return o;
    }

    static ObjectNode notification(OutboxEntry e) {
        ObjectNode o = Json.object();
        o.put("id", e.id());
        o.put("channel", e.channel());
        if (e.address() != null) {
            o.put("address", e.address());
        }
        o.put("status", e.status().name().toLowerCase(Locale.ROOT));
        o.put("attempts", e.attempts());
        o.put("next_attempt_at", Json.instant(e.nextAttemptAt()));
        o.put("last_error", e.lastError());
        o.put("created_at", Json.instant(e.createdAt()));
        o.put("delivered_at", Json.instant(e.deliveredAt()));
        Transition t = e.transition();
        ObjectNode s = o.putObject("transition");
        s.put("id", t.id());
        s.put("subject_kind", t.kind());
        NotificationText.putSubjectId(s, t);
        s.put("subject_key", t.key());
        s.put("subject_name", t.subjectName());
        s.put("from", t.from());
        s.put("to", t.to());
        s.put("severity", t.severity().wireName());
        s.put("at", Json.instant(t.at()));
        s.put("reason", t.reason());
        return o;
    }
}
