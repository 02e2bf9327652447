package dev.vigil.store.jdbc.internal;

import dev.vigil.spi.Destination;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import dev.vigil.spi.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jspecify.annotations.Nullable;

/**
 * The outbox in one table. As for subjects, {@code due_at} is the claim index: {@code next_attempt_at} while
 * PENDING, the end of the lease while claimed, NULL once DELIVERED or FAILED. Claims use
 * {@code FOR UPDATE SKIP LOCKED} and write a new random token to {@code claim_token}; every mark is fenced by
 * {@code id}, that token and PENDING, so a late mark from an instance whose claim was taken over changes nothing.
 * An entry claimed by an instance that then dies is claimed again once its lease has run out.
 */
public final class JdbcOutboxStore implements OutboxStore {
    private static final String FENCE = " WHERE id = :id AND claim_token = :token AND status = 'PENDING'";

    private final Db db;
    private final Tables tables;
    private final String select;

    public JdbcOutboxStore(Db db, Tables tables) {
        this.db = db;
        this.tables = tables;
        this.select = "SELECT " + Rows.OUTBOX_COLUMNS + " FROM " + tables.outbox();
    }

    @Override
    public List<OutboxEntry> claim(Instant now, Duration lease, int limit, Set<Destination> skip) {
        long leaseUntil = now.plus(lease).toEpochMilli();
        String token = UUID.randomUUID().toString();
        List<Destination> skipped = List.copyOf(skip);
        StringBuilder notSkipped = new StringBuilder();
        for (int i = 0; i < skipped.size(); i++) {
            // few at a time: only destinations with as many deliveries under way as the dispatcher allows
            notSkipped.append(skipped.get(i).address() == null
                    ? " AND NOT (channel = :c" + i + " AND address IS NULL)"
                    : " AND NOT (channel = :c" + i + " AND address = :a" + i + ")");
        }
        return db.tx("claiming notifications", h -> {
            var query = h.createQuery("SELECT seq, " + Rows.OUTBOX_COLUMNS + " FROM " + tables.outbox()
                    + " WHERE due_at <= :now" + notSkipped + " ORDER BY due_at, seq LIMIT :limit FOR UPDATE SKIP LOCKED")
                    .bind("now", now.toEpochMilli()).bind("limit", limit);
            for (int i = 0; i < skipped.size(); i++) {
                query.bind("c" + i, skipped.get(i).channel());
                if (skipped.get(i).address() != null) {
                    query.bind("a" + i, skipped.get(i).address());
                }
            }
            List<Claimed> due = query.map((rs, ctx) -> new Claimed(rs.getLong("seq"), Rows.outbox(rs))).list();
            if (!due.isEmpty()) {
                PreparedBatch b = h.prepareBatch("UPDATE " + tables.outbox()
                        + " SET due_at = :until, claim_token = :token WHERE seq = :seq");
                for (Claimed c : due) {
                    b.bind("until", leaseUntil).bind("token", token).bind("seq", c.seq()).add();
                }
                b.execute();
            }
            return due.stream().map(c -> c.entry().claimedWith(token)).toList();
        });
    }

    private record Claimed(long seq, OutboxEntry entry) {
    }

    @Override
    public boolean renew(String id, String token, Instant until) {
        return db.tx("renewing a notification claim", h -> h.createUpdate("UPDATE " + tables.outbox()
                + " SET due_at = :until" + FENCE).bind("until", until.toEpochMilli()).bind("id", id)
                .bind("token", token).execute()) > 0;
    }

    @Override
    public boolean markDelivered(String id, String token, Instant at) {
        return mark("UPDATE " + tables.outbox() + " SET status = 'DELIVERED', attempts = attempts + 1,"
                + " delivered_at = :at, due_at = NULL, claim_token = NULL" + FENCE, id, token, at, null,
                "marking a notification delivered");
    }

    @Override
    public boolean reschedule(String id, String token, Instant nextAttemptAt, String error) {
        return mark("UPDATE " + tables.outbox() + " SET attempts = attempts + 1, next_attempt_at = :at,"
                + " last_error = :error, due_at = :at, claim_token = NULL" + FENCE, id, token, nextAttemptAt, error,
                "rescheduling a notification");
    }

    @Override
    public boolean markFailed(String id, String token, Instant at, String error) {
        return mark("UPDATE " + tables.outbox() + " SET status = 'FAILED', attempts = attempts + 1,"
                + " last_error = :error, due_at = NULL, claim_token = NULL" + FENCE, id, token, null, error,
                "marking a notification failed");
    }

    private boolean mark(String sql, String id, String token, @Nullable Instant at, @Nullable String error,
            String operation) {
        return db.tx(operation, h -> {
            var u = h.createUpdate(sql).bind("id", id).bind("token", token);
            if (at != null) {
                u.bind("at", at.toEpochMilli());
            }
            if (error != null) {
                u.bind("error", error);
            }
            return u.execute();
        }) > 0;
    }

    @Override
    public boolean requeue(String id, Instant now) {
        return db.tx("requeueing a notification", h -> h.createUpdate("UPDATE " + tables.outbox()
                + " SET status = 'PENDING', next_attempt_at = :now, delivered_at = NULL, due_at = :now,"
                + " claim_token = NULL WHERE id = :id AND status = 'FAILED'").bind("id", id)
                .bind("now", now.toEpochMilli()).execute()) > 0;
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
    public long count(OutboxStatus status) {
        return db.auto("counting notifications", h -> h.createQuery("SELECT count(*) FROM " + tables.outbox()
                + " WHERE status = :status").bind("status", status.name()).mapTo(Long.class).one());
    }

    @Override
    public Optional<Instant> earliestDue() {
        return db.auto("reading the earliest notification", h -> h.createQuery("SELECT min(due_at) FROM "
                + tables.outbox()).mapTo(Long.class).findOne().map(Instant::ofEpochMilli));
    }
}
