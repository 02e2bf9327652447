package dev.vigil.store.jdbc.internal;

import dev.vigil.monitor.DuplicateMonitorNameException;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.notify.SubjectKind;
import dev.vigil.model.Transition;
import dev.vigil.spi.MonitorState;
import dev.vigil.spi.MonitorStore;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.StoredMonitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push monitors in one table. The deadline index is the column {@code due_at}: the monitor's {@code nextDueAt},
 * moved to the end of the lease while a claim holds it, and back to {@code nextDueAt} by the next write (which
 * thereby releases the claim). So {@code due_at >= next_due_at} always, claims and {@link #earliestDue()} are
 * range scans of one index, and a claim costs O(claimed).
 *
 * <p>Leases are measured on the {@code now} the caller passes, the same clock that decides what is due. Using the
 * database's clock for leases but the caller's for due-ness would mix two clocks in one decision (and break
 * deterministic tests on a manual clock). Exactly-once transitions never depend on leases: every write is a
 * compare-and-set on the version, so two instances that both evaluate a monitor (a lease that ran out, clocks
 * that disagree) write its transition once. Instances sharing a database should keep their clocks in sync (NTP):
 * skew decides when a monitor is late, and beyond the lease length it costs duplicate evaluations and deliveries.
 */
public final class JdbcMonitorStore implements MonitorStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcMonitorStore.class);
    /** Writes that take the group-commit path at most per transaction. */
    public static final int DEFAULT_GROUP_SIZE = 256;

    private final Db db;
    private final Tables tables;
    private final SpecJson specs = new SpecJson();
    private final @Nullable GroupCommitter<StoredMonitor> group;

    private final String selectColumns;
    private final String insertSql;
    private final String updateSql;
    private final String insertTransitionSql;
    private final String insertOutboxSql;

    public JdbcMonitorStore(Db db, Tables tables, int groupSize) {
        this.db = db;
        this.tables = tables;
        String m = tables.monitor();
        this.selectColumns = "SELECT " + Rows.MONITOR_COLUMNS + " FROM " + m;
        this.insertSql = "INSERT INTO " + m + " (version, name, spec, secret_hash, status, status_since, last_push_at,"
                + " expected_by, next_due_at, running_since, consecutive_failures, consecutive_successes, push_count,"
                + " last_push_status, last_push_message, reminders_sent, created_at, due_at) VALUES (1, :name, :spec,"
                + " :secret_hash, :status, :status_since, :last_push_at, :expected_by, :next_due_at, :running_since,"
                + " :consecutive_failures, :consecutive_successes, :push_count, :last_push_status, :last_push_message,"
                + " :reminders_sent, :created_at, :due_at)";
        this.updateSql = "UPDATE " + m + " SET version = :version, name = :name, spec = :spec,"
                + " secret_hash = :secret_hash, status = :status, status_since = :status_since,"
                + " last_push_at = :last_push_at, expected_by = :expected_by, next_due_at = :next_due_at,"
                + " running_since = :running_since, consecutive_failures = :consecutive_failures,"
                + " consecutive_successes = :consecutive_successes, push_count = :push_count,"
                + " last_push_status = :last_push_status, last_push_message = :last_push_message,"
                + " reminders_sent = :reminders_sent, due_at = :due_at"
                + " WHERE id = :id AND version = :expected";
        this.insertTransitionSql = "INSERT INTO " + tables.transition() + " (" + Rows.TRANSITION_COLUMNS + ") VALUES"
                + " (:id, :kind, :subject_id, :subject_name, :from_status, :to_status, :occurred_at, :reason, :decision,"
                + " :decision_detail)";
        this.insertOutboxSql = "INSERT INTO " + tables.outbox() + " (" + Rows.OUTBOX_COLUMNS + ", due_at) VALUES"
                + " (:id, :channel, :status, :attempts, :next_attempt_at, :last_error, :created_at, :delivered_at,"
                + " :t_id, :t_kind, :t_subject_id, :t_subject_name, :t_from, :t_to, :t_at, :t_reason, :t_decision,"
                + " :t_decision_detail,"
                + " :due_at)";
        this.group = groupSize > 1 ? new GroupCommitter<>("vigil-jdbc-group-commit", new GroupWriter(), groupSize)
                : null;
    }

    @Override
    public StoredMonitor insert(PushMonitorSpec spec, String secretHash, MonitorState state, Instant createdAt) {
        StoredMonitor draft = new StoredMonitor(0, 1, spec, secretHash, state, createdAt);
        String json = specs.encode(spec);
        long id = db.tx("inserting a monitor", h -> {
            try {
                return Rows.bindMonitor(h.createUpdate(insertSql), draft, json)
                        .bind("created_at", createdAt.toEpochMilli())
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            } catch (RuntimeException e) {
                throw Errors.isUniqueViolation(e) ? new DuplicateMonitorNameException(spec.name()) : e;
            }
        });
        return new StoredMonitor(id, 1, spec, secretHash, state, createdAt);
    }

    @Override
    public Optional<StoredMonitor> find(long id) {
        return db.auto("reading a monitor", h -> h.createQuery(selectColumns + " WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> Rows.monitor(rs, specs)).findOne());
    }

    @Override
    public Optional<StoredMonitor> findByName(String name) {
        return db.auto("reading a monitor", h -> h.createQuery(selectColumns + " WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> Rows.monitor(rs, specs)).findOne());
    }

    @Override
    public List<StoredMonitor> list() {
        return db.auto("listing monitors", h -> h.createQuery(selectColumns + " ORDER BY id")
                .map((rs, ctx) -> Rows.monitor(rs, specs)).list());
    }

    @Override
    public boolean compareAndSet(StoredMonitor updated, List<Transition> transitions, List<OutboxEntry> outbox) {
        if (group != null && transitions.isEmpty() && outbox.isEmpty()) {
            return group.submit(updated); // a plain push: share a transaction with concurrent ones
        }
        return writeOne(updated, transitions, outbox);
    }

    /** One compare-and-set in its own transaction: the update, then its transitions and outbox rows. */
    private boolean writeOne(StoredMonitor updated, List<Transition> transitions, List<OutboxEntry> outbox) {
        String json = specs.encode(updated.spec());
        try {
            return db.tx("writing a monitor", h -> {
                if (update(h, updated, json) == 0) {
                    return false; // the version moved on, or the monitor is gone: write nothing
                }
                if (!transitions.isEmpty()) {
                    PreparedBatch b = h.prepareBatch(insertTransitionSql);
                    for (Transition t : transitions) {
                        Rows.bindTransition(b, t).add();
                    }
                    b.execute();
                }
                if (!outbox.isEmpty()) {
                    PreparedBatch b = h.prepareBatch(insertOutboxSql);
                    for (OutboxEntry e : outbox) {
                        Rows.bindOutbox(b, e).add();
                    }
                    b.execute();
                }
                return true;
            });
        } catch (RuntimeException e) {
            if (Errors.isLostRace(e)) {
                return false; // deadlock or concurrent update: rolled back, another writer won
            }
            throw e;
        }
    }

    private int update(Handle h, StoredMonitor m, String json) {
        try {
            return Rows.bindMonitor(h.createUpdate(updateSql), m, json).bind("version", m.version())
                    .bind("id", m.id()).bind("expected", m.version() - 1).execute();
        } catch (RuntimeException e) {
            throw Errors.isUniqueViolation(e) ? new DuplicateMonitorNameException(m.spec().name()) : e;
        }
    }

    /** Writes many plain compare-and-sets in one transaction, in id order so that concurrent groups never deadlock. */
    private final class GroupWriter implements GroupCommitter.Writer<StoredMonitor> {
        @Override
        public boolean[] writeAll(List<StoredMonitor> items) {
            List<Integer> order = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingLong(i -> items.get(i).id())); // stable: a monitor's writes keep their order
            int[] counts = db.tx("writing monitors", h -> {
                PreparedBatch b = h.prepareBatch(updateSql);
                for (int i : order) {
                    StoredMonitor m = items.get(i);
                    Rows.bindMonitor(b, m, specs.encode(m.spec())).bind("version", m.version()).bind("id", m.id())
                            .bind("expected", m.version() - 1).add();
                }
                return b.execute();
            });
            boolean[] results = new boolean[items.size()];
            for (int k = 0; k < order.size(); k++) {
                results[order.get(k)] = counts[k] > 0;
            }
            return results;
        }

        @Override
        public boolean writeOne(StoredMonitor item) {
            return JdbcMonitorStore.this.writeOne(item, List.of(), List.of());
        }
    }

    @Override
    public boolean delete(long id) {
        return db.tx("deleting a monitor", h -> {
            int n = h.createUpdate("DELETE FROM " + tables.monitor() + " WHERE id = :id").bind("id", id).execute();
            if (n == 0) {
                return false;
            }
            h.createUpdate("DELETE FROM " + tables.transition() + " WHERE kind = :kind AND subject_id = :id")
                    .bind("kind", SubjectKind.PUSH_MONITOR.wireName()).bind("id", id).execute();
            return true;
        });
    }

    @Override
    public List<StoredMonitor> claimDue(Instant now, Duration lease, int limit) {
        Outage.Window hold = db.outage().pending(now);
        long leaseUntil = now.plus(lease).toEpochMilli();
        List<StoredMonitor> claimed = db.tx("claiming due monitors", h -> {
            if (hold != null) {
                int held = h.createUpdate("UPDATE " + tables.monitor() + " SET due_at = :hold"
                        + " WHERE due_at > :from AND due_at <= :to").bind("hold", hold.holdUntil().toEpochMilli())
                        .bind("from", hold.from().toEpochMilli()).bind("to", hold.to().toEpochMilli()).execute();
                LOG.warn("The database was unavailable from about {} to {}: {} deadline(s) in that time are held until"
                        + " {} so that pushes refused meanwhile can be retried", hold.from(), hold.to(), held,
                        hold.holdUntil());
            }
            // SKIP LOCKED: rows another instance is claiming right now are not waited for, and not returned
            List<StoredMonitor> due = h.createQuery(selectColumns
                    + " WHERE due_at <= :now ORDER BY due_at, id LIMIT :limit FOR UPDATE SKIP LOCKED")
                    .bind("now", now.toEpochMilli()).bind("limit", limit)
                    .map((rs, ctx) -> Rows.monitor(rs, specs)).list();
            List<StoredMonitor> reallyDue = new ArrayList<>(due.size());
            if (!due.isEmpty()) {
                // really due: leased; an expired lease over a deadline still ahead (the claimer found nothing to do,
                // or died): back to the monitor's own deadline, as the memory store does
                PreparedBatch b = h.prepareBatch("UPDATE " + tables.monitor() + " SET due_at = :until WHERE id = :id");
                for (StoredMonitor m : due) {
                    Instant next = m.state().nextDueAt();
                    boolean isDue = next != null && !next.isAfter(now);
                    if (isDue) {
                        reallyDue.add(m);
                    }
                    b.bind("until", isDue ? Long.valueOf(leaseUntil) : Rows.millis(next)).bind("id", m.id()).add();
                }
                b.execute();
            }
            return reallyDue;
        });
        db.outage().ok(now);
        return claimed;
    }

    @Override
    public Optional<Instant> earliestDue() {
        return db.auto("reading the earliest deadline", h -> h.createQuery("SELECT min(due_at) FROM "
                + tables.monitor()).mapTo(Long.class).findOne().map(Instant::ofEpochMilli));
    }

    /** The group committer, if enabled (for tests and diagnostics). */
    public @Nullable GroupCommitter<StoredMonitor> group() {
        return group;
    }

    public void close() {
        if (group != null) {
            group.close();
        }
    }
}
