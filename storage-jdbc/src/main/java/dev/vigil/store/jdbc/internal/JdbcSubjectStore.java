package dev.vigil.store.jdbc.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Transition;
import dev.vigil.spi.Commit;
import dev.vigil.model.DuplicateNameException;
import dev.vigil.spi.IdempotencyRecord;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.StoredSubject;
import dev.vigil.spi.SubjectChange;
import dev.vigil.spi.SubjectQuery;
import dev.vigil.spi.SubjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;

/**
 * Subjects of every kind in one table, keyed by (kind, key). The store reads none of a subject's spec and state; it
 * indexes the name (unique within a kind), the labels (one row each in {@code subject_label}, for list filters),
 * the status and {@code due_at}.
 *
 * <p>{@code due_at} is the claim index: the subject's own deadline ({@code next_due_at}), moved to the end of the
 * lease while a claim holds it, and back to {@code next_due_at} by the next write (which thereby ends the claim).
 * So claims and {@link #earliestDue()} are range scans of one index, and a claim costs O(claimed).
 *
 * <p>Leases are measured on the {@code now} the caller passes, the same clock that decides what is due. Exactly-once
 * transitions never depend on leases: every write is a compare-and-set on the version, so two instances that both
 * evaluate a subject (a lease that ran out, clocks that disagree) write its transition once.
 *
 * <p>The change feed ({@code subject_change}) is written in the same transaction as each write and trimmed now and
 * then to its newest {@value #CHANGES_KEPT} entries.
 *
 * <p>Compare-and-sets go through a {@link GroupCommitter}: concurrent writes (many pushes at once) share one
 * transaction, and each caller returns only after that transaction committed.
 *
 * <p>{@link #findLastKnown} answers from a bounded cache of the subjects this instance last read or wrote, so a push
 * compare-and-sets without reading first. The cache is only a hint: another instance's write makes an entry stale,
 * the compare-and-set based on it then fails (and drops the entry), and the caller reads again with {@link #find}.
 */
public final class JdbcSubjectStore implements SubjectStore {
    /** Compare-and-sets that share one transaction at most. */
    public static final int DEFAULT_GROUP_SIZE = 256;
    /** The change feed keeps about this many newest entries (as the memory store bounds it by count). */
    static final long CHANGES_KEPT = 100_000;
    /** Every this many writes of this instance, older change entries are deleted. */
    private static final long PRUNE_EVERY = 1024;
    /**
     * Group transactions at a time: while one waits for its commit to reach the disk, the next groups are written,
     * and the database flushes their commits together (measured with 32 pushing threads on PostgreSQL: 1, 2 and 4
     * writers gave 0.54..0.77, 0.79..0.86 and 0.88..1.08 of the raw UPDATE loop; see the benchmarks README).
     */
    static final int GROUP_WRITERS = 4;
    /** Subjects {@link #findLastKnown} remembers at most. */
    static final int LAST_KNOWN_SIZE = 10_000;

    /** One compare-and-set. */
    public record Write(StoredSubject subject, Commit commit) {
    }

    private final Db db;
    private final Tables tables;
    private final boolean postgres;
    private final @Nullable GroupCommitter<Write> group;
    private final AtomicLong writes = new AtomicLong();
    /** What this instance last read or wrote of each subject; may be stale (see {@link #findLastKnown}). */
    private final Cache<SubjectRef, StoredSubject> lastKnown = Caffeine.newBuilder().maximumSize(LAST_KNOWN_SIZE)
            .build();

    private final String select;
    private final String insertSql;
    private final String updateSameLabelsSql;
    private final String updateSql;
    private final String insertLabelSql;
    private final String deleteLabelsSql;
    private final String insertChangeSql;
    private final String insertTransitionSql;
    private final String insertOutboxSql;
    private final String insertIdempotencySql;

    public JdbcSubjectStore(Db db, Tables tables, boolean postgres, int groupSize) {
        this.db = db;
        this.tables = tables;
        this.postgres = postgres;
        String s = tables.subject();
        this.select = "SELECT " + Rows.SUBJECT_COLUMNS + " FROM " + s;
        this.insertSql = "INSERT INTO " + s + " (kind, subject_key, version, name, labels, status, next_due_at, due_at,"
                + " spec, state, created_at, updated_at) VALUES (:kind, :subject_key, :version, :name, :labels,"
                + " :status, :next_due_at, :due_at, :spec, :state, :created_at, :updated_at)"
                + (postgres ? " ON CONFLICT (kind, subject_key) DO NOTHING" : "");
        String set = "UPDATE " + s + " SET version = :version, name = :name, labels = :labels, status = :status,"
                + " next_due_at = :next_due_at, due_at = :due_at, spec = :spec, state = :state,"
                + " updated_at = :updated_at WHERE kind = :kind AND subject_key = :subject_key AND version = :expected";
        // the usual write keeps the labels: then one statement does it, and the label rows stay as they are
        this.updateSameLabelsSql = set + " AND labels = :labels";
        this.updateSql = set;
        this.insertLabelSql = "INSERT INTO " + tables.subjectLabel() + " (kind, subject_key, label, label_value)"
                + " VALUES (:kind, :subject_key, :label, :label_value)";
        this.deleteLabelsSql = "DELETE FROM " + tables.subjectLabel() + " WHERE kind = :kind AND subject_key = :key";
        this.insertChangeSql = "INSERT INTO " + tables.subjectChange() + " (kind, subject_key, version, deleted, at)"
                + " VALUES (:kind, :subject_key, :version, :deleted, :at)";
        this.insertTransitionSql = "INSERT INTO " + tables.transition() + " (" + Rows.TRANSITION_COLUMNS + ") VALUES"
                + " (:id, :kind, :subject_key, :subject_name, :aspect, :type, :from_status, :to_status, :severity,"
                + " :occurred_at, :reason, :labels, :decision, :decision_detail)";
        // an outbox entry or idempotency record whose id exists already is left as it is (as the memory store does)
        String outboxValues = ":id, :channel, :address, :status, :attempts, :next_attempt_at, :last_error,"
                + " :created_at, :delivered_at, NULL, :t_id, :t_kind, :t_subject_key, :t_subject_name, :t_aspect,"
                + " :t_type, :t_from, :t_to, :t_severity, :t_at, :t_reason, :t_labels, :t_decision, :t_decision_detail,"
                + " :due_at";
        String outboxInto = "INSERT INTO " + tables.outbox() + " (" + Rows.OUTBOX_COLUMNS + ", due_at)";
        this.insertOutboxSql = postgres ? outboxInto + " VALUES (" + outboxValues + ") ON CONFLICT (id) DO NOTHING"
                : outboxInto + " SELECT " + outboxValues + " WHERE NOT EXISTS (SELECT 1 FROM " + tables.outbox()
                        + " WHERE id = :id)";
        this.insertIdempotencySql = JdbcIdempotencyStore.insertIfAbsentSql(tables, postgres);
        this.group = groupSize > 1 ? new GroupCommitter<>("vigil-jdbc-group-commit", new GroupWriter(), groupSize,
                GROUP_WRITERS) : null;
    }

    @Override
    public Optional<StoredSubject> find(SubjectRef ref) {
        Optional<StoredSubject> found = db.auto("reading a subject", h -> h.createQuery(select
                + " WHERE kind = :kind AND subject_key = :key").bind("kind", ref.kind()).bind("key", ref.key())
                .map((rs, ctx) -> Rows.subject(rs)).findOne());
        found.ifPresentOrElse(s -> lastKnown.put(ref, s), () -> lastKnown.invalidate(ref));
        return found;
    }

    @Override
    public Optional<StoredSubject> findLastKnown(SubjectRef ref) {
        StoredSubject known = lastKnown.getIfPresent(ref);
        return known != null ? Optional.of(known) : find(ref);
    }

    /** Remembers a subject this instance wrote, or forgets one it could not write (another writer was first). */
    private boolean remember(boolean written, StoredSubject s) {
        if (written) {
            lastKnown.put(s.ref(), s);
        } else {
            lastKnown.invalidate(s.ref());
        }
        return written;
    }

    @Override
    public Optional<StoredSubject> findByName(String kind, String name) {
        return db.auto("reading a subject", h -> h.createQuery(select + " WHERE kind = :kind AND name = :name")
                .bind("kind", kind).bind("name", name).map((rs, ctx) -> Rows.subject(rs)).findOne());
    }

    @Override
    public boolean insert(StoredSubject subject, Commit commit) {
        lastKnown.invalidate(subject.ref()); // until it is known whether this one or a racing insert won
        return remember(wrote(insertOnce(subject, commit)), subject);
    }

    private boolean insertOnce(StoredSubject subject, Commit commit) {
        String labels = Rows.labels(subject.labels());
        for (int attempt = 0;; attempt++) {
            try {
                return db.tx("inserting a subject", h -> {
                    if (!takeIdempotencyKey(h, commit)) {
                        return false;
                    }
                    int n = Rows.bindSubject(h.createUpdate(insertSql), subject, labels)
                            .bind("version", subject.version()).execute();
                    if (n == 0) {
                        giveIdempotencyKeyBack(h, commit);
                        return false; // PostgreSQL: the ref exists (ON CONFLICT DO NOTHING)
                    }
                    insertLabels(h, List.of(subject));
                    // an insert is always in the change feed, whatever the commit says
                    writeAfter(h, List.of(new Write(subject, new Commit(commit.transitions(), commit.outbox(),
                            null, false))));
                    return true;
                });
            } catch (RuntimeException e) {
                if (!Errors.isUniqueViolation(e) && !Errors.isLostRace(e)) {
                    throw e;
                }
                // rolled back: tell which unique key was hit
                if (find(subject.ref()).isPresent()) {
                    return false; // a racing insert of the same ref won
                }
                Optional<StoredSubject> named = findByName(subject.kind(), subject.name());
                if (named.isPresent()) {
                    throw new DuplicateNameException(subject.kind(), subject.name());
                }
                if (attempt >= 2) {
                    throw e; // e.g. a transition id that exists already
                }
                // the winner rolled back meanwhile, or (H2) a racing commit wrote the same outbox or idempotency
                // key: try again
            }
        }
    }

    @Override
    public boolean compareAndSet(StoredSubject updated, Commit commit) {
        Write w = new Write(updated, commit);
        boolean written = false;
        try {
            // a write with an idempotency key takes the key first, in a transaction of its own
            written = wrote(group != null && commit.idempotency() == null ? group.submit(w) : writeOne(w));
        } finally {
            remember(written, updated); // a failure forgets it too: whether it was written is unknown
        }
        return written;
    }

    /** Counts a successful write; now and then trims the change feed to its newest {@link #CHANGES_KEPT}. */
    private boolean wrote(boolean ok) {
        if (ok && writes.incrementAndGet() % PRUNE_EVERY == 0) {
            pruneChanges(CHANGES_KEPT);
        }
        return ok;
    }

    /** Deletes change entries but the newest {@code kept} (outside any write, so it holds up none). */
    public int pruneChanges(long kept) {
        String t = tables.subjectChange();
        return db.tx("trimming the change feed", h -> {
            Optional<Long> max = h.createQuery("SELECT max(seq) FROM " + t).mapTo(Long.class).findOne();
            if (max.isEmpty() || max.get() <= kept) {
                return 0;
            }
            return h.createUpdate("DELETE FROM " + t + " WHERE seq <= :below").bind("below", max.get() - kept)
                    .execute();
        });
    }

    /** One compare-and-set in a transaction of its own. */
    private boolean writeOne(Write w) {
        for (int attempt = 0;; attempt++) {
            try {
                return db.tx("writing a subject", h -> {
                    if (!takeIdempotencyKey(h, w.commit())) {
                        return false;
                    }
                    Commit c = w.commit();
                    boolean ok = writeAll(h, List.of(c.idempotency() == null ? w : new Write(w.subject(),
                            new Commit(c.transitions(), c.outbox(), null, c.stateOnly()))))[0];
                    if (!ok) {
                        giveIdempotencyKeyBack(h, c);
                    }
                    return ok;
                });
            } catch (RuntimeException e) {
                if (Errors.isLostRace(e)) {
                    return false; // deadlock or concurrent update: rolled back, another writer won
                }
                if (!Errors.isUniqueViolation(e)) {
                    throw e;
                }
                StoredSubject s = w.subject();
                Optional<StoredSubject> named = findByName(s.kind(), s.name());
                if (named.isPresent() && !named.get().key().equals(s.key())) {
                    throw new DuplicateNameException(s.kind(), s.name());
                }
                if (attempt >= 2) {
                    throw e; // e.g. a transition id that exists already
                }
                // H2: a racing commit wrote the same outbox or idempotency key; now it is visible and skipped
            }
        }
    }

    /**
     * Inserts the commit's idempotency record, if any, before anything else: false when its scope and key exist (the
     * request was answered, or is being answered, elsewhere), and then the write must change nothing. On PostgreSQL a
     * racing insert of the same key waits for the first to commit, then finds it.
     */
    private boolean takeIdempotencyKey(Handle h, Commit commit) {
        IdempotencyRecord r = commit.idempotency();
        return r == null || JdbcIdempotencyStore.bind(h.createUpdate(insertIdempotencySql), r).execute() > 0;
    }

    /** The write failed after taking its key: the key goes back, so that the engine's retry can take it again. */
    private void giveIdempotencyKeyBack(Handle h, Commit commit) {
        if (commit.idempotency() != null) {
            JdbcIdempotencyStore.delete(h, tables, commit.idempotency());
        }
    }

    /**
     * Writes compare-and-sets in the caller's transaction: the subject rows (one statement each while the labels
     * stay), then label rows where they changed, then change rows, transitions, outbox entries and idempotency
     * records of the writes that won. Returns each write's outcome in order.
     */
    private boolean[] writeAll(Handle h, List<Write> writes) {
        int n = writes.size();
        String[] labels = new String[n];
        PreparedBatch same = h.prepareBatch(updateSameLabelsSql);
        for (int i = 0; i < n; i++) {
            StoredSubject s = writes.get(i).subject();
            labels[i] = Rows.labels(s.labels());
            Rows.bindSubject(same, s, labels[i]).bind("version", s.version()).bind("expected", s.version() - 1).add();
        }
        int[] counts = same.execute();
        boolean[] ok = new boolean[n];
        List<Integer> retry = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ok[i] = counts[i] > 0;
            if (!ok[i]) {
                retry.add(i);
            }
        }
        if (!retry.isEmpty()) {
            // the labels changed, or the version moved on
            PreparedBatch other = h.prepareBatch(updateSql);
            for (int i : retry) {
                StoredSubject s = writes.get(i).subject();
                Rows.bindSubject(other, s, labels[i]).bind("version", s.version()).bind("expected", s.version() - 1)
                        .add();
            }
            int[] c = other.execute();
            List<StoredSubject> relabel = new ArrayList<>();
            for (int k = 0; k < retry.size(); k++) {
                if (c[k] > 0) {
                    ok[retry.get(k)] = true;
                    relabel.add(writes.get(retry.get(k)).subject());
                }
            }
            if (!relabel.isEmpty()) {
                PreparedBatch del = h.prepareBatch(deleteLabelsSql);
                for (StoredSubject s : relabel) {
                    del.bind("kind", s.kind()).bind("key", s.key()).add();
                }
                del.execute();
                insertLabels(h, relabel);
            }
        }
        List<Write> won = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (ok[i]) {
                won.add(writes.get(i));
            }
        }
        writeAfter(h, won);
        return ok;
    }

    private void insertLabels(Handle h, List<StoredSubject> subjects) {
        PreparedBatch b = h.prepareBatch(insertLabelSql);
        boolean any = false;
        for (StoredSubject s : subjects) {
            for (Map.Entry<String, String> l : s.labels().entrySet()) {
                b.bind("kind", s.kind()).bind("subject_key", s.key()).bind("label", l.getKey())
                        .bind("label_value", l.getValue()).add();
                any = true;
            }
        }
        if (any) {
            b.execute();
        }
    }

    /** The change rows and commits of writes that won. */
    private void writeAfter(Handle h, List<Write> won) {
        if (won.isEmpty()) {
            return;
        }
        PreparedBatch changes = h.prepareBatch(insertChangeSql);
        boolean anyChange = false;
        List<Transition> transitions = new ArrayList<>();
        List<OutboxEntry> outbox = new ArrayList<>();
        List<IdempotencyRecord> idempotency = new ArrayList<>();
        for (Write w : won) {
            StoredSubject s = w.subject();
            if (!w.commit().stateOnly()) {
                changes.bind("kind", s.kind()).bind("subject_key", s.key()).bind("version", s.version())
                        .bind("deleted", false).bind("at", s.updatedAt().toEpochMilli()).add();
                anyChange = true;
            }
            transitions.addAll(w.commit().transitions());
            outbox.addAll(w.commit().outbox());
            if (w.commit().idempotency() != null) {
                idempotency.add(w.commit().idempotency());
            }
        }
        if (anyChange) {
            changes.execute();
        }
        if (!transitions.isEmpty()) {
            PreparedBatch b = h.prepareBatch(insertTransitionSql);
            transitions.forEach(t -> Rows.bindTransition(b, t).add());
            b.execute();
        }
        if (!outbox.isEmpty()) {
            PreparedBatch b = h.prepareBatch(insertOutboxSql);
            outbox.forEach(e -> Rows.bindOutbox(b, e).add());
            b.execute();
        }
        if (!idempotency.isEmpty()) {
            PreparedBatch b = h.prepareBatch(insertIdempotencySql);
            idempotency.forEach(r -> JdbcIdempotencyStore.bind(b, r).add());
            b.execute();
        }
    }

    /** Writes many compare-and-sets in one transaction, in ref order so that concurrent groups never deadlock. */
    private final class GroupWriter implements GroupCommitter.Writer<Write> {
        @Override
        public boolean[] writeAll(List<Write> items) {
            List<Integer> order = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparing(i -> items.get(i).subject().ref())); // stable: a subject's writes keep order
            List<Write> sorted = order.stream().map(items::get).toList();
            boolean[] r = db.tx("writing subjects", h -> JdbcSubjectStore.this.writeAll(h, sorted));
            boolean[] results = new boolean[items.size()];
            for (int k = 0; k < order.size(); k++) {
                results[order.get(k)] = r[k];
            }
            return results;
        }

        @Override
        public boolean writeOne(Write item) {
            return JdbcSubjectStore.this.writeOne(item);
        }
    }

    @Override
    public boolean delete(SubjectRef ref, Instant deletedAt) {
        long at = deletedAt.toEpochMilli();
        try {
            return deleteRow(ref, at);
        } finally {
            lastKnown.invalidate(ref);
        }
    }

    private boolean deleteRow(SubjectRef ref, long at) {
        return db.tx("deleting a subject", h -> {
            Optional<Long> version = h.createQuery("SELECT version FROM " + tables.subject()
                    + " WHERE kind = :kind AND subject_key = :key FOR UPDATE").bind("kind", ref.kind())
                    .bind("key", ref.key()).mapTo(Long.class).findOne();
            if (version.isEmpty()) {
                return false;
            }
            for (String table : List.of(tables.subject(), tables.subjectLabel(), tables.transition())) {
                h.createUpdate("DELETE FROM " + table + " WHERE kind = :kind AND subject_key = :key")
                        .bind("kind", ref.kind()).bind("key", ref.key()).execute();
            }
            h.createUpdate(insertChangeSql).bind("kind", ref.kind()).bind("subject_key", ref.key())
                    .bind("version", version.get()).bind("deleted", true).bind("at", at).execute();
            return true;
        });
    }

    @Override
    public List<StoredSubject> list(SubjectQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + prefixed("s.", Rows.SUBJECT_COLUMNS) + " FROM "
                + tables.subject() + " s WHERE s.kind = :kind");
        if (q.afterKey() != null) {
            sql.append(" AND s.subject_key > :after");
        }
        List<String> statuses = List.copyOf(q.statuses());
        if (!statuses.isEmpty()) {
            sql.append(" AND s.status IN (");
            for (int i = 0; i < statuses.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(":st").append(i);
            }
            sql.append(')');
        }
        String label = " AND EXISTS (SELECT 1 FROM " + tables.subjectLabel() + " l WHERE l.kind = s.kind"
                + " AND l.subject_key = s.subject_key AND l.label = ";
        List<Map.Entry<String, Set<String>>> exact = List.copyOf(q.labels().entrySet());
        for (int i = 0; i < exact.size(); i++) {
            sql.append(label).append(":ln").append(i).append(" AND l.label_value IN (");
            List<String> values = List.copyOf(exact.get(i).getValue());
            for (int j = 0; j < values.size(); j++) {
                sql.append(j == 0 ? "" : ", ").append(":lv").append(i).append('_').append(j);
            }
            sql.append("))");
        }
        List<Map.Entry<String, String>> prefixes = List.copyOf(q.labelPrefixes().entrySet());
        for (int i = 0; i < prefixes.size(); i++) {
            sql.append(label).append(":pn").append(i).append(" AND l.label_value LIKE :pv").append(i)
                    .append(" ESCAPE '!')");
        }
        sql.append(" ORDER BY s.subject_key LIMIT :limit");
        return db.auto("listing subjects", h -> {
            Query query = h.createQuery(sql.toString()).bind("kind", q.kind()).bind("limit", q.limit());
            if (q.afterKey() != null) {
                query.bind("after", q.afterKey());
            }
            for (int i = 0; i < statuses.size(); i++) {
                query.bind("st" + i, statuses.get(i));
            }
            for (int i = 0; i < exact.size(); i++) {
                query.bind("ln" + i, exact.get(i).getKey());
                List<String> values = List.copyOf(exact.get(i).getValue());
                for (int j = 0; j < values.size(); j++) {
                    query.bind("lv" + i + "_" + j, values.get(j));
                }
            }
            for (int i = 0; i < prefixes.size(); i++) {
                query.bind("pn" + i, prefixes.get(i).getKey());
                query.bind("pv" + i, likePrefix(prefixes.get(i).getValue()));
            }
            return query.map((rs, ctx) -> Rows.subject(rs)).list();
        });
    }

    /** A LIKE pattern for "starts with {@code prefix}", escaping with {@code !}. */
    static String likePrefix(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    private static String prefixed(String alias, String columns) {
        return alias + columns.replace(", ", ", " + alias);
    }

    @Override
    public List<StoredSubject> claimDue(Instant now, Duration lease, int limit) {
        long leaseUntil = now.plus(lease).toEpochMilli();
        return db.tx("claiming due subjects", h -> {
            // SKIP LOCKED: rows another instance is claiming right now are not waited for, and not returned
            List<StoredSubject> due = h.createQuery(select + " WHERE due_at <= :now"
                    + " ORDER BY due_at, kind, subject_key LIMIT :limit FOR UPDATE SKIP LOCKED")
                    .bind("now", now.toEpochMilli()).bind("limit", limit).map((rs, ctx) -> Rows.subject(rs)).list();
            List<StoredSubject> reallyDue = new ArrayList<>(due.size());
            if (!due.isEmpty()) {
                // really due: leased; an expired lease over a deadline still ahead (the claimer found nothing to do,
                // or died): back to the subject's own deadline
                PreparedBatch b = h.prepareBatch("UPDATE " + tables.subject() + " SET due_at = :until"
                        + " WHERE kind = :kind AND subject_key = :key");
                for (StoredSubject s : due) {
                    Instant next = s.dueAt();
                    boolean isDue = next != null && !next.isAfter(now);
                    if (isDue) {
                        reallyDue.add(s);
                    }
                    b.bind("until", isDue ? Long.valueOf(leaseUntil) : Rows.millis(next)).bind("kind", s.kind())
                            .bind("key", s.key()).add();
                }
                b.execute();
            }
            return reallyDue;
        });
    }

    @Override
    public Optional<Instant> earliestDue() {
        return db.auto("reading the earliest deadline", h -> h.createQuery("SELECT min(due_at) FROM "
                + tables.subject()).mapTo(Long.class).findOne().map(Instant::ofEpochMilli));
    }

    @Override
    public List<SubjectChange> changesSince(long afterSeq, int limit) {
        return db.auto("reading changes", h -> h.createQuery("SELECT seq, kind, subject_key, version, deleted, at FROM "
                + tables.subjectChange() + " WHERE seq > :after ORDER BY seq LIMIT :limit").bind("after", afterSeq)
                .bind("limit", limit)
                .map((rs, ctx) -> new SubjectChange(rs.getLong("seq"),
                        SubjectRef.of(rs.getString("kind"), rs.getString("subject_key")), rs.getLong("version"),
                        rs.getBoolean("deleted"), Instant.ofEpochMilli(rs.getLong("at"))))
                .list());
    }

    /** The group committer, if enabled (for tests and diagnostics). */
    public @Nullable GroupCommitter<Write> group() {
        return group;
    }

    public void close() {
        if (group != null) {
            group.close();
        }
    }
}
