package dev.vigil.store.jdbc.internal;

import dev.vigil.spi.IdempotencyRecord;
import dev.vigil.spi.IdempotencyStore;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.statement.SqlStatement;

/** Idempotency records, keyed by (scope, key). */
public final class JdbcIdempotencyStore implements IdempotencyStore {
    private final Db db;
    private final Tables tables;
    private final boolean postgres;

    public JdbcIdempotencyStore(Db db, Tables tables, boolean postgres) {
        this.db = db;
        this.tables = tables;
        this.postgres = postgres;
    }

    static String insertSql(Tables tables) {
        return "INSERT INTO " + tables.idempotency() + " (scope, idem_key, request_hash, status, response, at)"
                + " VALUES (:scope, :idem_key, :request_hash, :status, :response, :at)";
    }

    /** Inserts unless the scope and key exist (a racing insert on H2 may still fail with a unique violation). */
    static String insertIfAbsentSql(Tables tables, boolean postgres) {
        if (postgres) {
            return insertSql(tables) + " ON CONFLICT (scope, idem_key) DO NOTHING";
        }
        return "INSERT INTO " + tables.idempotency() + " (scope, idem_key, request_hash, status, response, at)"
                + " SELECT :scope, :idem_key, :request_hash, :status, :response, :at WHERE NOT EXISTS (SELECT 1 FROM "
                + tables.idempotency() + " WHERE scope = :scope AND idem_key = :idem_key)";
    }

    static <S extends SqlStatement<S>> S bind(S st, IdempotencyRecord r) {
        return st.bind("scope", r.scope())
                .bind("idem_key", r.key())
                .bind("request_hash", r.requestHash())
                .bind("status", r.status())
                .bind("response", r.response())
                .bind("at", r.at().toEpochMilli());
    }

    @Override
    public Optional<IdempotencyRecord> find(String scope, String key) {
        return db.auto("reading an idempotency record", h -> h.createQuery("SELECT scope, idem_key, request_hash,"
                + " status, response, at FROM " + tables.idempotency() + " WHERE scope = :scope AND idem_key = :key")
                .bind("scope", scope).bind("key", key)
                .map((rs, ctx) -> new IdempotencyRecord(rs.getString("scope"), rs.getString("idem_key"),
                        rs.getString("request_hash"), rs.getInt("status"), rs.getString("response"),
                        Instant.ofEpochMilli(rs.getLong("at"))))
                .findOne());
    }

    @Override
    public boolean insert(IdempotencyRecord record) {
        String sql = insertIfAbsentSql(tables, postgres);
        try {
            return db.tx("storing an idempotency record", h -> bind(h.createUpdate(sql), record).execute()) > 0;
        } catch (RuntimeException e) {
            if (Errors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean complete(IdempotencyRecord answered) {
        return db.tx("completing an idempotency record", h -> h.createUpdate("UPDATE " + tables.idempotency()
                + " SET status = :status, response = :response WHERE scope = :scope AND idem_key = :key"
                + " AND status = " + IdempotencyRecord.PENDING).bind("status", answered.status())
                .bind("response", answered.response()).bind("scope", answered.scope()).bind("key", answered.key())
                .execute()) > 0;
    }

    /** Deletes one record in the caller's transaction (a write that failed its compare-and-set gives its key back). */
    static void delete(org.jdbi.v3.core.Handle h, Tables tables, IdempotencyRecord r) {
        h.createUpdate("DELETE FROM " + tables.idempotency() + " WHERE scope = :scope AND idem_key = :key")
                .bind("scope", r.scope()).bind("key", r.key()).execute();
    }

    @Override
    public int prune(Instant before) {
        return db.tx("pruning idempotency records", h -> h.createUpdate("DELETE FROM " + tables.idempotency()
                + " WHERE at < :before").bind("before", before.toEpochMilli()).execute());
    }
}
