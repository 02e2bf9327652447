package dev.vigil.store.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.Decision;
import dev.vigil.model.Severity;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Transition;
import dev.vigil.model.TransitionType;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import dev.vigil.spi.StoredSubject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jspecify.annotations.Nullable;

/**
 * Column lists, row mappers and binders. Instants are UTC epoch milliseconds; labels are a compact JSON object with
 * sorted keys (so equal label sets have equal text); transition types and severities are their wire names.
 */
final class Rows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> LABELS = new TypeReference<>() {
    };

    static final String SUBJECT_COLUMNS = "kind, subject_key, version, name, labels, status, next_due_at, spec, state,"
            + " created_at, updated_at";

    static final String TRANSITION_COLUMNS = "id, kind, subject_key, subject_name, aspect, type, from_status,"
            + " to_status, severity, occurred_at, reason, labels, decision, decision_detail";

    static final String OUTBOX_COLUMNS = "id, channel, address, status, attempts, next_attempt_at, last_error,"
            + " created_at, delivered_at, claim_token, t_id, t_kind, t_subject_key, t_subject_name, t_aspect, t_type,"
            + " t_from, t_to, t_severity, t_at, t_reason, t_labels, t_decision, t_decision_detail";

    private Rows() {
    }

    static @Nullable Long millis(@Nullable Instant at) {
        return at == null ? null : at.toEpochMilli();
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    /** Labels as compact JSON with sorted keys. */
    static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "{}";
        }
        try {
            return JSON.writeValueAsString(new TreeMap<>(labels));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode labels", e);
        }
    }

    static Map<String, String> labels(String json) throws SQLException {
        if (json.equals("{}")) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, LABELS);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored labels cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    static StoredSubject subject(ResultSet rs) throws SQLException {
        return new StoredSubject(SubjectRef.of(rs.getString("kind"), rs.getString("subject_key")),
                rs.getLong("version"), rs.getString("name"), labels(rs.getString("labels")), rs.getString("status"),
                instant(rs, "next_due_at"), rs.getString("spec"), rs.getString("state"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    /** Binds every column of {@code s} but the version; a write ends any claim, so due_at is next_due_at. */
    static <S extends SqlStatement<S>> S bindSubject(S st, StoredSubject s, String labelsJson) {
        return st.bind("kind", s.kind())
                .bind("subject_key", s.key())
                .bind("name", s.name())
                .bind("labels", labelsJson)
                .bind("status", s.status())
                .bind("next_due_at", millis(s.dueAt()))
                .bind("due_at", millis(s.dueAt()))
                .bind("spec", s.spec())
                .bind("state", s.state())
                .bind("created_at", s.createdAt().toEpochMilli())
                .bind("updated_at", s.updatedAt().toEpochMilli());
    }

    static Transition transition(ResultSet rs) throws SQLException {
        return new Transition(rs.getString("id"), SubjectRef.of(rs.getString("kind"), rs.getString("subject_key")),
                rs.getString("subject_name"), rs.getString("aspect"),
                TransitionType.fromWireName(rs.getString("type")), rs.getString("from_status"),
                rs.getString("to_status"), Severity.fromWireName(rs.getString("severity")),
                Instant.ofEpochMilli(rs.getLong("occurred_at")), rs.getString("reason"),
                labels(rs.getString("labels")), Decision.valueOf(rs.getString("decision")),
                rs.getString("decision_detail"));
    }

    static <S extends SqlStatement<S>> S bindTransition(S st, Transition t) {
        return st.bind("id", t.id())
                .bind("kind", t.kind())
                .bind("subject_key", t.key())
                .bind("subject_name", t.subjectName())
                .bind("aspect", t.aspect())
                .bind("type", t.type().wireName())
                .bind("from_status", t.from())
                .bind("to_status", t.to())
                .bind("severity", t.severity().wireName())
                .bind("occurred_at", t.at().toEpochMilli())
                .bind("reason", t.reason())
                .bind("labels", labels(t.labels()))
                .bind("decision", t.decision().name())
                .bind("decision_detail", t.decisionDetail());
    }

    static OutboxEntry outbox(ResultSet rs) throws SQLException {
        Transition t = new Transition(rs.getString("t_id"),
                SubjectRef.of(rs.getString("t_kind"), rs.getString("t_subject_key")), rs.getString("t_subject_name"),
                rs.getString("t_aspect"), TransitionType.fromWireName(rs.getString("t_type")), rs.getString("t_from"),
                rs.getString("t_to"), Severity.fromWireName(rs.getString("t_severity")),
                Instant.ofEpochMilli(rs.getLong("t_at")), rs.getString("t_reason"), labels(rs.getString("t_labels")),
                Decision.valueOf(rs.getString("t_decision")), rs.getString("t_decision_detail"));
        return new OutboxEntry(rs.getString("id"), rs.getString("channel"), rs.getString("address"), t,
                OutboxStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                Instant.ofEpochMilli(rs.getLong("next_attempt_at")), rs.getString("last_error"),
                Instant.ofEpochMilli(rs.getLong("created_at")), instant(rs, "delivered_at"),
                rs.getString("claim_token"));
    }

    static <S extends SqlStatement<S>> S bindOutbox(S st, OutboxEntry e) {
        Transition t = e.transition();
        return st.bind("id", e.id())
                .bind("channel", e.channel())
                .bind("address", e.address())
                .bind("status", e.status().name())
                .bind("attempts", e.attempts())
                .bind("next_attempt_at", e.nextAttemptAt().toEpochMilli())
                .bind("last_error", e.lastError())
                .bind("created_at", e.createdAt().toEpochMilli())
                .bind("delivered_at", millis(e.deliveredAt()))
                .bind("due_at", e.status() == OutboxStatus.PENDING ? e.nextAttemptAt().toEpochMilli() : null)
                .bind("t_id", t.id())
                .bind("t_kind", t.kind())
                .bind("t_subject_key", t.key())
                .bind("t_subject_name", t.subjectName())
                .bind("t_aspect", t.aspect())
                .bind("t_type", t.type().wireName())
                .bind("t_from", t.from())
                .bind("t_to", t.to())
                .bind("t_severity", t.severity().wireName())
                .bind("t_at", t.at().toEpochMilli())
                .bind("t_reason", t.reason())
                .bind("t_labels", labels(t.labels()))
                .bind("t_decision", t.decision().name())
                .bind("t_decision_detail", t.decisionDetail());
    }
}
