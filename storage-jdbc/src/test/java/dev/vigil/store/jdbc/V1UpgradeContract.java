package dev.vigil.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.Decision;
import dev.vigil.model.Severity;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Transition;
import dev.vigil.model.TransitionType;
import dev.vigil.spi.Commit;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import dev.vigil.spi.StoredSubject;
import dev.vigil.spi.SubjectQuery;
import dev.vigil.store.jdbc.internal.Db;
import dev.vigil.store.jdbc.internal.Migrator;
import dev.vigil.store.jdbc.internal.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A database written by release 1 (schema V1, rows as its JdbcMonitorStore wrote them) migrates to V2 with every
 * push monitor's id, name, spec, secret hash, state, history and outbox intact and readable through the new SPI.
 */
abstract class V1UpgradeContract {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long T0 = Instant.parse("2025-01-15T12:00:00Z").toEpochMilli();
    static final String SPEC_17 = "{\"format\":1,\"name\":\"nightly \\\"backup\\\"\",\"group\":\"ops \\\"east\\\" \\\\ 1\","
            + "\"enabled\":true,\"expected_interval\":\"PT1H\",\"grace_period\":\"PT5M\",\"timezone\":\"UTC\","
            + "\"require_payload\":false,\"notifications\":[\"ops\"],\"alert_on\":[\"down\",\"up\"],"
            + "\"failure_threshold\":1,\"recovery_threshold\":1}";
    static final String SPEC_3 = "{\"format\":1,\"name\":\"plain\",\"enabled\":true,\"expected_interval\":\"PT1M\","
            + "\"grace_period\":\"PT0S\",\"timezone\":\"Europe/Paris\",\"require_payload\":false,\"notifications\":[],"
            + "\"alert_on\":[\"down\",\"up\"],\"failure_threshold\":1,\"recovery_threshold\":1}";
    static final String MESSAGE = "disk \"full\"\n\tat C:\\backup — ünïcode ✓";

    abstract DataSource dataSource();

    abstract JdbcStore.Builder builder();

    abstract JdbcStore.Dialect dialect();

    abstract String table(String name);

    abstract String schemaOrNull();

    /** Creates release 1's schema (its Migrator knew V1 only) and records it as release 1 did. */
    void createV1() {
        new Migrator(dialect().scriptFolder(), dialect() == JdbcStore.Dialect.POSTGRESQL,
                new Tables(schemaOrNull(), "vigil_"), List.of("V1__init.sql")).migrate(new Db(Jdbi.create(dataSource())));
    }

    void execute(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    ps.setNull(i + 1, Types.NULL);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            ps.execute();
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A monitor row as release 1's JdbcMonitorStore inserted it (with an explicit id, as its identity gave). */
    void insertV1Monitor(long id, long version, String name, String spec, String status, long statusSince,
            Long lastPushAt, Long expectedBy, Long nextDueAt, Long runningSince, int failures, int successes,
            long pushes, String lastPushStatus, String lastPushMessage, int reminders, Long dueAt) throws SQLException {
        execute("INSERT INTO " + table("monitor") + " (id, version, name, spec, secret_hash, status, status_since,"
                + " last_push_at, expected_by, next_due_at, running_since, consecutive_failures, consecutive_successes,"
                + " push_count, last_push_status, last_push_message, reminders_sent, created_at, due_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, version, name, spec,
                "sha256:secret-" + id, status, statusSince, lastPushAt, expectedBy, nextDueAt, runningSince, failures,
                successes, pushes, lastPushStatus, lastPushMessage, reminders, T0 - 1000, dueAt);
    }

    void insertV1Transition(String id, long subject, String name, String from, String to, long at) throws SQLException {
        execute("INSERT INTO " + table("transition") + " (id, kind, subject_id, subject_name, from_status, to_status,"
                + " occurred_at, reason, decision, decision_detail) VALUES (?, 'push_monitor', ?, ?, ?, ?, ?, ?, ?, ?)",
                id, subject, name, from, to, at, "reason " + id, "SENT", "sent to ops");
    }

    void insertV1Outbox(String id, String tId, long subject, String name, String from, String to, long at,
            String status, Long dueAt) throws SQLException {
        execute("INSERT INTO " + table("outbox") + " (id, channel, status, attempts, next_attempt_at, last_error,"
                + " created_at, delivered_at, due_at, t_id, t_kind, t_subject_id, t_subject_name, t_from, t_to, t_at,"
                + " t_reason, t_decision, t_decision_detail) VALUES (?, 'ops', ?, ?, ?, ?, ?, ?, ?, ?, 'push_monitor',"
                + " ?, ?, ?, ?, ?, ?, 'SENT', 'sent to ops')", id, status, status.equals("PENDING") ? 1 : 2, at,
                status.equals("PENDING") ? "HTTP 503" : null, at, status.equals("DELIVERED") ? at + 5 : null, dueAt,
                tId, subject, name, from, to, at, "reason " + tId);
    }

    @Test
    void aReleaseOneDatabaseMovesForwardIntact() throws Exception {
        createV1();
        long down = T0 + 3_600_000;
        insertV1Monitor(17, 5, "nightly \"backup\"", SPEC_17, "DOWN", down, T0, T0 + 3_900_000L, T0 + 7_200_000L,
                null, 2, 0, 42, "fail", MESSAGE, 1, T0 + 7_200_000L);
        insertV1Monitor(3, 1, "plain", SPEC_3, "NO_PUSH_YET", T0, null, null, null, null, 0, 0, 0, null, null, 0,
                null);
        insertV1Transition("t-1", 17, "nightly \"backup\"", "NO_PUSH_YET", "UP", T0);
        insertV1Transition("t-2", 17, "nightly \"backup\"", "UP", "DOWN", down);
        insertV1Transition("t-3", 17, "nightly \"backup\"", "DOWN", "DOWN", down + 60_000);
        insertV1Transition("t-4", 3, "plain", "DOWN", "UP", down);
        insertV1Outbox("t-2:ops", "t-2", 17, "nightly \"backup\"", "UP", "DOWN", down, "DELIVERED", null);
        insertV1Outbox("t-3:ops", "t-3", 17, "nightly \"backup\"", "DOWN", "DOWN", down + 60_000, "PENDING",
                down + 60_000);

        try (JdbcStore store = builder().build()) {
            assertThat(store.schemaVersion()).isEqualTo(2);
            SubjectRef ref = SubjectRef.of("push_monitor", "17");
            StoredSubject m = store.subjects().find(ref).orElseThrow();
            assertThat(m.version()).isEqualTo(5);
            assertThat(m.name()).isEqualTo("nightly \"backup\"");
            assertThat(m.spec()).isEqualTo(SPEC_17);
            assertThat(m.labels()).isEqualTo(Map.of("group", "ops \"east\" \\ 1"));
            assertThat(m.status()).isEqualTo("DOWN");
            assertThat(m.dueAt()).isEqualTo(Instant.ofEpochMilli(T0 + 7_200_000L));
            assertThat(m.createdAt()).isEqualTo(Instant.ofEpochMilli(T0 - 1000));
            assertThat(m.updatedAt()).isEqualTo(Instant.ofEpochMilli(down));
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("status", "DOWN");
            state.put("status_since", down);
            state.put("last_push_at", T0);
            state.put("expected_by", T0 + 3_900_000L);
            state.put("consecutive_failures", 2L);
            state.put("consecutive_successes", 0L);
            state.put("push_count", 42L);
            state.put("reminders_sent", 1L);
            state.put("last_push_status", "fail");
            state.put("last_push_message", MESSAGE);
            state.put("secret_hash", "sha256:secret-17");
            assertThat(readState(m.state())).isEqualTo(state);

            StoredSubject plain = store.subjects().findByName("push_monitor", "plain").orElseThrow();
            assertThat(plain.key()).isEqualTo("3");
            assertThat(plain.labels()).isEmpty();
            assertThat(plain.dueAt()).isNull();
            assertThat(readState(plain.state())).isEqualTo(Map.of("status", "NO_PUSH_YET", "status_since", T0,
                    "consecutive_failures", 0L, "consecutive_successes", 0L, "push_count", 0L, "reminders_sent", 0L,
                    "secret_hash", "sha256:secret-3"));

            // the group label is indexed for list filters
            assertThat(store.subjects().list(new SubjectQuery("push_monitor",
                    Map.of("group", Set.of("ops \"east\" \\ 1")), Map.of(), Set.of(), null, 10)))
                    .extracting(StoredSubject::key).containsExactly("17");
            assertThat(store.subjects().list(SubjectQuery.all("push_monitor", 10))).extracting(StoredSubject::key)
                    .containsExactly("17", "3");

            // history, with its ids, newest first; type and severity derived from the statuses
            List<Transition> history = store.transitions().recent(ref, 10);
            assertThat(history).extracting(Transition::id).containsExactly("t-3", "t-2", "t-1");
            assertThat(history).extracting(Transition::type).containsExactly(TransitionType.REMINDER,
                    TransitionType.CHANGE, TransitionType.CHANGE);
            assertThat(history).extracting(Transition::severity).containsExactly(Severity.CRITICAL, Severity.CRITICAL,
                    Severity.INFO);
            Transition t2 = history.get(1);
            assertThat(t2.subject()).isEqualTo(ref);
            assertThat(t2.subjectName()).isEqualTo("nightly \"backup\"");
            assertThat(t2.aspect()).isEmpty();
            assertThat(t2.from()).isEqualTo("UP");
            assertThat(t2.to()).isEqualTo("DOWN");
            assertThat(t2.at()).isEqualTo(Instant.ofEpochMilli(down));
            assertThat(t2.reason()).isEqualTo("reason t-2");
            assertThat(t2.labels()).isEmpty();
            assertThat(t2.decision()).isEqualTo(Decision.SENT);
            assertThat(t2.decisionDetail()).isEqualTo("sent to ops");
            assertThat(store.transitions().recent(SubjectRef.of("push_monitor", "3"), 10)).singleElement()
                    .satisfies(t -> assertThat(t.severity()).isEqualTo(Severity.RESOLVED));

            // the outbox, delivered and pending alike
            OutboxEntry delivered = store.outbox().find("t-2:ops").orElseThrow();
            assertThat(delivered.status()).isEqualTo(OutboxStatus.DELIVERED);
            assertThat(delivered.deliveredAt()).isEqualTo(Instant.ofEpochMilli(down + 5));
            assertThat(delivered.address()).isNull();
            assertThat(delivered.claimToken()).isNull();
            assertThat(delivered.transition().subject()).isEqualTo(ref);
            assertThat(delivered.transition().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(store.outbox().count(OutboxStatus.PENDING)).isEqualTo(1);
            List<OutboxEntry> claimed = store.outbox().claim(Instant.ofEpochMilli(down + 60_000), Duration.ofMinutes(1),
                    10);
            assertThat(claimed).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo("t-3:ops");
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.lastError()).isEqualTo("HTTP 503");
                assertThat(e.transition().type()).isEqualTo(TransitionType.REMINDER);
            });
            assertThat(store.outbox().markDelivered("t-3:ops", claimed.get(0).claimToken(),
                    Instant.ofEpochMilli(down + 61_000))).isTrue();

            // ids continue after the largest
            assertThat(store.nextId("push_monitor")).isEqualTo(18);

            // the deadline index came along, and the subject can be written again
            assertThat(store.subjects().earliestDue()).contains(Instant.ofEpochMilli(T0 + 7_200_000L));
            List<StoredSubject> due = store.subjects().claimDue(Instant.ofEpochMilli(T0 + 7_200_000L),
                    Duration.ofSeconds(30), 10);
            assertThat(due).extracting(StoredSubject::key).containsExactly("17");
            StoredSubject next = m.next(m.name(), m.labels(), "DOWN", null, m.spec(), m.state(),
                    Instant.ofEpochMilli(T0 + 7_200_000L));
            assertThat(store.subjects().compareAndSet(next, Commit.NONE)).isTrue();
            assertThat(store.subjects().find(ref).orElseThrow().version()).isEqualTo(6);
        }
        assertThatThrownBy(() -> count("SELECT count(*) FROM " + table("monitor"))).isInstanceOf(SQLException.class);
    }

    @Test
    void anEmptyReleaseOneDatabaseStartsIdsAtOne() {
        createV1();
        try (JdbcStore store = builder().build()) {
            assertThat(store.schemaVersion()).isEqualTo(2);
            assertThat(store.nextId("push_monitor")).isEqualTo(1);
            assertThat(store.nextId("push_monitor")).isEqualTo(2);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readState(String json) throws Exception {
        Map<String, Object> raw = JSON.readValue(json, Map.class);
        Map<String, Object> out = new LinkedHashMap<>();
        // numbers compare as longs, whatever size Jackson picked
        raw.forEach((k, v) -> out.put(k, v instanceof Number n ? (Object) n.longValue() : v));
        return out;
    }
}
