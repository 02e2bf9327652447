package dev.vigil.store.jdbc.internal;

import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import dev.vigil.spi.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jspecify.annotations.Nullable;

/**
 * The outbox in one table. As for monitors, {@code due_at} is the claim index: {@code next_attempt_at} while
 * PENDING, the end of the lease while claimed, NULL once DELIVERED or FAILED. Claims use
 * {@code FOR UPDATE SKIP LOCKED}; leases are measured on the caller's {@code now} (see {@link JdbcMonitorStore}).
 * An entry claimed by an instance that then dies is claimed again once its lease has run out.
 */
public final class JdbcOutboxStore implements OutboxStore {
    private final Db db;
    private final Tables tables;
    private final String select;

    public JdbcOutboxStore(Db db, Tables tables) {
        this.db = db;
        this.tables = tables;
        this.select = "SELECT " + Rows.OUTBOX_COLUMNS + " FROM " + tables.outbox();
    }

    @Override
    public List<OutboxEntry> claim(Instant now, Duration lease, int limit) {
        long leaseUntil = now.plus(lease).toEpochMilli();
        List<OutboxEntry> claimed = db.tx("claiming notifications", h -> {
            List<Claimed> due = h.createQuery("SELECT seq, " + Rows.OUTBOX_COLUMNS + " FROM " + tables.outbox()
                    + " WHERE due_at <= :now ORDER BY due_at, seq LIMIT :limit FOR UPDATE SKIP LOCKED")
                    .bind("now", now.toEpochMilli()).bind("limit", limit)
                    .map((rs, ctx) -> new Claimed(rs.getLong("seq"), Rows.outbox(rs))).list();
            if (!due.isEmpty()) {
                PreparedBatch b = h.prepareBatch("UPDATE " + tables.outbox() + " SET due_at = :until WHERE seq = :seq");
                for (Claimed c : due) {
                    b.bind("until", leaseUntil).bind("seq", c.seq()).add();
                }
                b.execute();
            }
            return due.stream().map(Claimed::entry).toList();
        });
        db.outage().seen(now);
        return claimed;
    }

    private record Claimed(long seq, OutboxEntry entry) {
    }

    @Override
    public void markDelivered(String id, Instant at) {
        mark(id, "UPDATE " + tables.outbox() + " SET status = 'DELIVERED', attempts = attempts + 1,"
                + " delivered_at = :at, due_at = NULL WHERE id = :id", at, null, "marking a notification delivered");
    }

    @Override
    public void reschedule(String id, Instant nextAttemptAt, String error) {
        mark(id, "UPDATE " + tables.outbox() + " SET status = 'PENDING', attempts = attempts + 1,"
                + " next_attempt_at = :at, last_error = :error, delivered_at = NULL, due_at = :at WHERE id = :id",
                nextAttemptAt, error, "rescheduling a notification");
    }

    @Override
    public void markFailed(String id, Instant at, String error) {
        mark(id, "UPDATE " + tables.outbox() + " SET status = 'FAILED', attempts = attempts + 1,"
                + " last_error = :error, delivered_at = NULL, due_at = NULL WHERE id = :id", null, error,
                "marking a notification failed");
    }

    private void mark(String id, String sql, @Nullable Instant at, @Nullable String error, String operation) {
        int n = db.tx(operation, h -> {
            var u = h.createUpdate(sql).bind("id", id);
            if (at != null) {
                u.bind("at", at.toEpochMilli());
            }
            if (error != null) {
                u.bind("error", error);
            }
            return u.execute();
        });
        if (n == 0) {
            throw new IllegalArgumentException("no outbox entry " + id);
        }
    }

    @Override
    public boolean requeue(String id, Instant now) {
        return db.tx("requeueing a notification", h -> h.createUpdate("UPDATE " + tables.outbox()
                + " SET status = 'PENDING', next_attempt_at = :now, delivered_at = NULL, due_at = :now"
                + " WHERE id = :id AND status = 'FAILED'").bind("id", id).bind("now", now.toEpochMilli())
                .execute()) > 0;
    }

    @Override
    public Optional<OutboxEntry> find(String id) {
        return db.auto("reading a notification", h -> h.createQuery(select + " WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> Rows.outbox(rs)).findOne());
    }

    @Override
    public List<OutboxEntry> list(@Nullable OutboxStatus status, int limit) {
        return db.auto("listing notifications", h -> {
            var q = h.createQuery(select + (status == null ? "" : " WHERE status = :status")
                    + " ORDER BY seq DESC LIMIT :limit").bind("limit", limit);
            if (status != null) {
                q.bind("status", status.name());
            }
            return q.map((rs, ctx) -> Rows.outbox(rs)).list();
        });
    }

    @Override
    public Optional<Instant> earliestDue() {
        return db.auto("reading the earliest notification", h -> h.createQuery("SELECT min(due_at) FROM "
                + tables.outbox()).mapTo(Long.class).findOne().map(Instant::ofEpochMilli));
    }
}
