package dev.vigil.store.jdbc.internal;

import dev.vigil.monitor.MonitorStatus;
import dev.vigil.model.Decision;
import dev.vigil.notify.SubjectKind;
import dev.vigil.model.Transition;
import dev.vigil.spi.MonitorState;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import dev.vigil.spi.StoredMonitor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jspecify.annotations.Nullable;

/** Column lists, row mappers and binders. Instants are UTC epoch milliseconds. */
final class Rows {
    static final String MONITOR_COLUMNS = "id, version, spec, secret_hash, status, status_since, last_push_at,"
            + " expected_by, next_due_at, running_since, consecutive_failures, consecutive_successes, push_count,"
            + " last_push_status, last_push_message, reminders_sent, created_at";

    static final String TRANSITION_COLUMNS = "id, kind, subject_id, subject_name, from_status, to_status,"
            + " occurred_at, reason, decision, decision_detail";

    static final String OUTBOX_COLUMNS = "id, channel, status, attempts, next_attempt_at, last_error, created_at,"
            + " delivered_at, t_id, t_kind, t_subject_id, t_subject_name, t_from, t_to, t_at, t_reason, t_decision,"
            + " t_decision_detail";

    private Rows() {
    }

    static @Nullable Long millis(@Nullable Instant at) {
        return at == null ? null : at.toEpochMilli();
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    static StoredMonitor monitor(ResultSet rs, SpecJson specs) throws SQLException {
        MonitorState state = new MonitorState(
                MonitorStatus.valueOf(rs.getString("status")),
                Instant.ofEpochMilli(rs.getLong("status_since")),
                instant(rs, "last_push_at"),
                instant(rs, "expected_by"),
                instant(rs, "next_due_at"),
                instant(rs, "running_since"),
                rs.getInt("consecutive_failures"),
                rs.getInt("consecutive_successes"),
                rs.getLong("push_count"),
                rs.getString("last_push_status"),
                rs.getString("last_push_message"),
                rs.getInt("reminders_sent"));
        return new StoredMonitor(rs.getLong("id"), rs.getLong("version"), specs.decode(rs.getString("spec")),
                rs.getString("secret_hash"), state, Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    /** Binds every state column of {@code m} (not id and version). */
    static <S extends SqlStatement<S>> S bindMonitor(S st, StoredMonitor m, String specJson) {
        MonitorState s = m.state();
        return st.bind("name", m.spec().name())
                .bind("spec", specJson)
                .bind("secret_hash", m.secretHash())
                .bind("status", s.status().name())
                .bind("status_since", s.statusSince().toEpochMilli())
                .bind("last_push_at", millis(s.lastPushAt()))
                .bind("expected_by", millis(s.expectedBy()))
                .bind("next_due_at", millis(s.nextDueAt()))
                .bind("running_since", millis(s.runningSince()))
                .bind("consecutive_failures", s.consecutiveFailures())
                .bind("consecutive_successes", s.consecutiveSuccesses())
                .bind("push_count", s.pushCount())
                .bind("last_push_status", s.lastPushStatus())
                .bind("last_push_message", s.lastPushMessage())
                .bind("reminders_sent", s.remindersSent())
                // a write ends any claim: the deadline index is the monitor's own deadline again
                .bind("due_at", millis(s.nextDueAt()));
    }

    static Transition transition(ResultSet rs) throws SQLException {
        SubjectKind kind = SubjectKind.fromWireName(rs.getString("kind"));
        return new Transition(rs.getString("id"), kind, rs.getLong("subject_id"), rs.getString("subject_name"),
                kind.parseStatus(rs.getString("from_status")), kind.parseStatus(rs.getString("to_status")),
                Instant.ofEpochMilli(rs.getLong("occurred_at")), rs.getString("reason"),
                Decision.valueOf(rs.getString("decision")), rs.getString("decision_detail"));
    }

    static <S extends SqlStatement<S>> S bindTransition(S st, Transition t) {
        return st.bind("id", t.id())
                .bind("kind", t.kind().wireName())
                .bind("subject_id", t.subjectId())
                .bind("subject_name", t.subjectName())
                .bind("from_status", t.from().name())
                .bind("to_status", t.to().name())
                .bind("occurred_at", t.at().toEpochMilli())
                .bind("reason", t.reason())
                .bind("decision", t.decision().name())
                .bind("decision_detail", t.decisionDetail());
    }

    static OutboxEntry outbox(ResultSet rs) throws SQLException {
        SubjectKind kind = SubjectKind.fromWireName(rs.getString("t_kind"));
        Transition t = new Transition(rs.getString("t_id"), kind, rs.getLong("t_subject_id"),
                rs.getString("t_subject_name"), kind.parseStatus(rs.getString("t_from")),
                kind.parseStatus(rs.getString("t_to")), Instant.ofEpochMilli(rs.getLong("t_at")),
                rs.getString("t_reason"), Decision.valueOf(rs.getString("t_decision")),
                rs.getString("t_decision_detail"));
        return new OutboxEntry(rs.getString("id"), rs.getString("channel"), t,
                OutboxStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                Instant.ofEpochMilli(rs.getLong("next_attempt_at")), rs.getString("last_error"),
                Instant.ofEpochMilli(rs.getLong("created_at")), instant(rs, "delivered_at"));
    }

    static <S extends SqlStatement<S>> S bindOutbox(S st, OutboxEntry e) {
        Transition t = e.transition();
        return st.bind("id", e.id())
                .bind("channel", e.channel())
                .bind("status", e.status().name())
                .bind("attempts", e.attempts())
                .bind("next_attempt_at", e.nextAttemptAt().toEpochMilli())
                .bind("last_error", e.lastError())
                .bind("created_at", e.createdAt().toEpochMilli())
                .bind("delivered_at", millis(e.deliveredAt()))
                .bind("due_at", e.status() == OutboxStatus.PENDING ? e.nextAttemptAt().toEpochMilli() : null)
                .bind("t_id", t.id())
                .bind("t_kind", t.kind().wireName())
                .bind("t_subject_id", t.subjectId())
                .bind("t_subject_name", t.subjectName())
                .bind("t_from", t.from().name())
                .bind("t_to", t.to().name())
                .bind("t_at", t.at().toEpochMilli())
                .bind("t_reason", t.reason())
                .bind("t_decision", t.decision().name())
                .bind("t_decision_detail", t.decisionDetail());
    }
}
