package dev.vigil.store.jdbc.internal;

import dev.vigil.spi.AppendedRecord;
import dev.vigil.spi.RecordQuery;
import dev.vigil.spi.RecordStore;
import dev.vigil.spi.Rollup;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Records in one table keyed by (stream, id), indexed by (stream, key, at), (stream, tag, at) and (stream, at);
 * roll-ups in another keyed by (stream, key, bucket, name) with one row per sum, added to by an upsert.
 */
public final class JdbcRecordStore implements RecordStore {
    private static final String COLUMNS = "stream, id, record_key, at, tag, body";
    /** Keys per query of {@link #rollupsOf}: far below PostgreSQL's 32 767 bind parameters. */
    private static final int KEYS_PER_QUERY = 500;

    private final Db db;
    private final Tables tables;
    private final boolean postgres;
    private final String appendSql;
    private final String rollupSql;

    public JdbcRecordStore(Db db, Tables tables, boolean postgres) {
        this.db = db;
        this.tables = tables;
        this.postgres = postgres;
        String r = tables.record();
        this.appendSql = postgres
                ? "INSERT INTO " + r + " (" + COLUMNS + ") VALUES (:stream, :id, :key, :at, :tag, :body)"
                        + " ON CONFLICT (stream, id) DO NOTHING"
                : "INSERT INTO " + r + " (" + COLUMNS + ") SELECT :stream, :id, :key, :at, :tag, :body"
                        + " WHERE NOT EXISTS (SELECT 1 FROM " + r + " WHERE stream = :stream AND id = :id)";
        String u = tables.rollup();
        this.rollupSql = postgres
                ? "INSERT INTO " + u + " AS u (stream, rollup_key, bucket, name, sum_value) VALUES (:stream, :key,"
                        + " :bucket, :name, :value) ON CONFLICT (stream, rollup_key, bucket, name)"
                        + " DO UPDATE SET sum_value = u.sum_value + EXCLUDED.sum_value"
                : "UPDATE " + u + " SET sum_value = sum_value + :value WHERE stream = :stream AND rollup_key = :key"
                        + " AND bucket = :bucket AND name = :name";
    }

    @Override
    public void append(List<AppendedRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            db.tx("appending records", h -> {
                PreparedBatch b = h.prepareBatch(appendSql);
                records.forEach(r -> bind(b, r).add());
                return b.execute();
            });
        } catch (RuntimeException e) {
            if (postgres || !Errors.isUniqueViolation(e)) {
                throw e;
            }
            // H2: a concurrent append of the same record; append one by one, ignoring those that exist
            for (AppendedRecord r : records) {
                try {
                    db.tx("appending a record", h -> bind(h.createUpdate(appendSql), r).execute());
                } catch (RuntimeException one) {
                    if (!Errors.isUniqueViolation(one)) {
                        throw one;
                    }
                }
            }
        }
    }

    private static PreparedBatch bind(PreparedBatch b, AppendedRecord r) {
        b.bind("stream", r.stream()).bind("id", r.id()).bind("key", r.key()).bind("at", r.at().toEpochMilli())
                .bind("tag", r.tag()).bind("body", r.body());
        return b;
    }

    private static org.jdbi.v3.core.statement.Update bind(org.jdbi.v3.core.statement.Update u, AppendedRecord r) {
        return u.bind("stream", r.stream()).bind("id", r.id()).bind("key", r.key()).bind("at", r.at().toEpochMilli())
                .bind("tag", r.tag()).bind("body", r.body());
    }

    private static AppendedRecord record(ResultSet rs) throws SQLException {
        return new AppendedRecord(rs.getString("stream"), rs.getString("id"), rs.getString("record_key"),
                Instant.ofEpochMilli(rs.getLong("at")), rs.getString("tag"), rs.getString("body"));
    }

    @Override
    public Optional<AppendedRecord> find(String stream, String id) {
        return db.auto("reading a record", h -> h.createQuery("SELECT " + COLUMNS + " FROM " + tables.record()
                + " WHERE stream = :stream AND id = :id").bind("stream", stream).bind("id", id)
                .map((rs, ctx) -> record(rs)).findOne());
    }

    @Override
    public List<AppendedRecord> query(RecordQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM " + tables.record()
                + " WHERE stream = :stream AND at >= :from AND at < :to");
        if (q.key() != null) {
            sql.append(" AND record_key = :key");
        }
        if (q.tag() != null) {
            sql.append(" AND tag = :tag");
        }
        if (q.before() != null) {
            sql.append(" AND (at < :bat OR (at = :bat AND id < :bid))");
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT :limit");
        return db.auto("querying records", h -> {
            var query = h.createQuery(sql.toString()).bind("stream", q.stream())
                    .bind("from", q.from().toEpochMilli()).bind("to", q.to().toEpochMilli()).bind("limit", q.limit());
            if (q.key() != null) {
                query.bind("key", q.key());
            }
            if (q.tag() != null) {
                query.bind("tag", q.tag());
            }
            if (q.before() != null) {
                query.bind("bat", q.before().at().toEpochMilli()).bind("bid", q.before().id());
            }
            return query.map((rs, ctx) -> record(rs)).list();
        });
    }

    @Override
    public void addToRollup(String stream, String key, Instant bucket, Map<String, Double> sums) {
        if (sums.isEmpty()) {
            return;
        }
        // in name order, so that concurrent upserts of one bucket lock its rows in the same order
        Map<String, Double> sorted = new TreeMap<>(sums);
        for (int attempt = 0;; attempt++) {
            try {
                db.tx("adding to a roll-up", h -> {
                    upsert(h, stream, key, bucket.toEpochMilli(), sorted);
                    return null;
                });
                return;
            } catch (RuntimeException e) {
                if (attempt >= 3 || !(Errors.isUniqueViolation(e) || Errors.isLostRace(e))) {
                    throw e;
                }
                // H2: another caller created the row meanwhile; the update finds it now
            }
        }
    }

    private void upsert(Handle h, String stream, String key, long bucket, Map<String, Double> sums) {
        PreparedBatch b = h.prepareBatch(rollupSql);
        List<String> names = new ArrayList<>(sums.keySet());
        for (String name : names) {
            b.bind("stream", stream).bind("key", key).bind("bucket", bucket).bind("name", name)
                    .bind("value", sums.get(name)).add();
        }
        int[] counts = b.execute();
        if (postgres) {
            return;
        }
        PreparedBatch insert = h.prepareBatch("INSERT INTO " + tables.rollup() + " (stream, rollup_key, bucket, name,"
                + " sum_value) VALUES (:stream, :key, :bucket, :name, :value)");
        boolean any = false;
        for (int i = 0; i < names.size(); i++) {
            if (counts[i] == 0) {
                insert.bind("stream", stream).bind("key", key).bind("bucket", bucket).bind("name", names.get(i))
                        .bind("value", sums.get(names.get(i))).add();
                any = true;
            }
        }
        if (any) {
            insert.execute();
        }
    }

    @Override
    public List<Rollup> rollups(String stream, String key, Instant from, Instant to) {
        return db.auto("reading roll-ups", h -> {
            Map<String, List<Rollup>> out = new HashMap<>();
            readRollups(h.createQuery(rollupSelect("rollup_key = :key")).bind("key", key), stream, from, to, out);
            return out.getOrDefault(key, List.of());
        });
    }

    @Override
    public Map<String, List<Rollup>> rollupsOf(String stream, Collection<String> keys, Instant from, Instant to) {
        // one query per KEYS_PER_QUERY distinct keys: the task evaluator's read of every app it watches costs a
        // handful of queries; the primary key (stream, rollup_key, bucket, name) serves each key's range, no new index
        List<String> distinct = List.copyOf(new LinkedHashSet<>(keys));
        if (distinct.isEmpty()) {
            return new HashMap<>();
        }
        return db.auto("reading roll-ups of many keys", h -> {
            Map<String, List<Rollup>> out = new HashMap<>();
            for (int i = 0; i < distinct.size(); i += KEYS_PER_QUERY) {
                List<String> chunk = distinct.subList(i, Math.min(i + KEYS_PER_QUERY, distinct.size()));
                // IN with one parameter per key: "= ANY(array)" is PostgreSQL's, not portable to H2
                readRollups(h.createQuery(rollupSelect("rollup_key IN (<keys>)")).bindList("keys", chunk), stream,
                        from, to, out);
            }
            return out;
        });
    }

    private String rollupSelect(String keyCondition) {
        return "SELECT rollup_key, bucket, name, sum_value FROM " + tables.rollup() + " WHERE stream = :stream AND "
                + keyCondition + " AND bucket >= :from AND bucket < :to ORDER BY rollup_key, bucket, name";
    }

    /** Runs a {@link #rollupSelect} and adds its buckets to {@code out} by key, each key's oldest first. */
    private static void readRollups(Query query, String stream, Instant from, Instant to,
            Map<String, List<Rollup>> out) {
        Map<String, Map<Long, Map<String, Double>>> byKey = new LinkedHashMap<>();
        query.bind("stream", stream).bind("from", from.toEpochMilli()).bind("to", to.toEpochMilli())
                .map((rs, ctx) -> {
                    byKey.computeIfAbsent(rs.getString("rollup_key"), k -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getLong("bucket"), b -> new HashMap<>())
                            .put(rs.getString("name"), rs.getDouble("sum_value"));
                    return 0;
                }).list();
        byKey.forEach((key, buckets) -> {
            List<Rollup> list = new ArrayList<>(buckets.size());
            buckets.forEach((b, sums) -> list.add(new Rollup(stream, key, Instant.ofEpochMilli(b), sums)));
            out.put(key, list);
        });
    }

    @Override
    public int prune(String stream, Instant before) {
        return db.tx("pruning records", h -> {
            int n = h.createUpdate("DELETE FROM " + tables.record() + " WHERE stream = :stream AND at < :before")
                    .bind("stream", stream).bind("before", before.toEpochMilli()).execute();
            h.createUpdate("DELETE FROM " + tables.rollup() + " WHERE stream = :stream AND bucket < :before")
                    .bind("stream", stream).bind("before", before.toEpochMilli()).execute();
            return n;
        });
    }
}
