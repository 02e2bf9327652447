package dev.vigil.store.jdbc;

import dev.vigil.spi.IdempotencyStore;
import dev.vigil.spi.OutboxStore;
import dev.vigil.spi.RecordStore;
import dev.vigil.spi.SilenceStore;
import dev.vigil.spi.StoreUnavailableException;
import dev.vigil.spi.SubjectStore;
import dev.vigil.spi.TransitionLog;
import dev.vigil.spi.VigilStore;
import dev.vigil.spi.Watermark;
import dev.vigil.store.jdbc.internal.Db;
import dev.vigil.store.jdbc.internal.H2Durability;
import dev.vigil.store.jdbc.internal.JdbcIdempotencyStore;
import dev.vigil.store.jdbc.internal.JdbcOutboxStore;
import dev.vigil.store.jdbc.internal.JdbcRecordStore;
import dev.vigil.store.jdbc.internal.JdbcSequences;
import dev.vigil.store.jdbc.internal.JdbcSilenceStore;
import dev.vigil.store.jdbc.internal.JdbcSubjectStore;
import dev.vigil.store.jdbc.internal.JdbcTransitionLog;
import dev.vigil.store.jdbc.internal.JdbcWatermark;
import dev.vigil.store.jdbc.internal.Migrator;
import dev.vigil.store.jdbc.internal.Tables;
import java.util.Locale;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * Vigil's store in a relational database, through JDBC: H2 (embedded, the default for a single process) or
 * PostgreSQL (production, and several instances sharing one database).
 *
 * <pre>{@code
 * Vigil vigil = Vigil.builder().store(JdbcStore.postgres(dataSource)).build();
 * // or, with options:
 * JdbcStore store = JdbcStore.builder(dataSource).schema("monitoring").tablePrefix("vigil_").build();
 * }</pre>
 *
 * <p>Building the store connects once, checks the dialect and brings the schema up to date (versioned scripts
 * {@code db/vigil/<dialect>/V<n>__*.sql}, applied under a lock, recorded in {@code <prefix>schema_version}). A
 * database whose schema is newer than this Vigil knows is refused with a {@link JdbcStoreException}; an
 * unreachable one with a {@link StoreUnavailableException}, as is every later operation while the database is
 * down. The caller owns the {@link DataSource} (use a connection pool) and closes it after the store.
 */
public final class JdbcStore implements VigilStore {

    /** The SQL dialects Vigil speaks. */
    public enum Dialect {
        H2("h2"),
        POSTGRESQL("postgresql");

        private final String dir;

        Dialect(String dir) {
            this.dir = dir;
        }

        /** The folder of this dialect's migration scripts under {@code db/vigil/}. */
        public String scriptFolder() {
            return dir;
        }
    }

    private final Dialect dialect;
    private final Tables tables;
    private final Db db;
    private final int schemaVersion;
    private final JdbcSubjectStore subjects;
    private final JdbcOutboxStore outbox;
    private final JdbcTransitionLog transitions;
    private final JdbcSilenceStore silences;
    private final JdbcRecordStore records;
    private final JdbcIdempotencyStore idempotency;
    private final JdbcWatermark watermark;
    private final JdbcSequences sequences;

    private JdbcStore(Builder b) {
        this.tables = new Tables(b.schema, b.tablePrefix);
        this.db = new Db(Jdbi.create(b.dataSource));
        Dialect actual;
        try {
            actual = detect(db);
        } catch (StoreUnavailableException e) {
            throw new StoreUnavailableException("Vigil cannot reach its database at start-up: " + e.getMessage()
                    + " (check the JDBC URL, the credentials and that the server is running)", e);
        }
        if (b.dialect != null && b.dialect != actual) {
            throw new JdbcStoreException("the store was built for " + b.dialect + " but the DataSource connects to "
                    + actual + ": use JdbcStore." + (actual == Dialect.H2 ? "h2" : "postgres") + "(dataSource)");
        }
        this.dialect = actual;
        if (actual == Dialect.H2) {
            db.beforeEveryCommit(H2Durability.enforce(db)); // before migrating: every commit from here on is durable
        }
        Migrator migrator = new Migrator(actual.scriptFolder(), actual == Dialect.POSTGRESQL, tables);
        this.schemaVersion = b.runMigrations ? migrator.migrate(db) : migrator.verify(db);
        boolean postgres = actual == Dialect.POSTGRESQL;
        this.subjects = new JdbcSubjectStore(db, tables, postgres, b.groupCommit);
        this.outbox = new JdbcOutboxStore(db, tables);
        this.transitions = new JdbcTransitionLog(db, tables);
        this.silences = new JdbcSilenceStore(db, tables);
        this.records = new JdbcRecordStore(db, tables, postgres);
        this.idempotency = new JdbcIdempotencyStore(db, tables, postgres);
        this.watermark = new JdbcWatermark(db, tables);
        this.sequences = new JdbcSequences(db, tables, postgres);
    }

    private static Dialect detect(Db db) {
        String product = db.auto("connecting", h -> h.queryMetadata(java.sql.DatabaseMetaData::getDatabaseProductName));
        String p = product.toLowerCase(Locale.ROOT);
        if (p.contains("h2")) {
            return Dialect.H2;
        }
        if (p.contains("postgres")) {
            return Dialect.POSTGRESQL;
        }
        throw new JdbcStoreException("Vigil supports H2 and PostgreSQL, not " + product);
    }

    /** A store on an H2 database (embedded or server), migrating the schema if needed. */
    public static JdbcStore h2(DataSource dataSource) {
        return builder(dataSource).dialect(Dialect.H2).build();
    }

    /** A store on a PostgreSQL database, migrating the schema if needed. */
    public static JdbcStore postgres(DataSource dataSource) {
        return builder(dataSource).dialect(Dialect.POSTGRESQL).build();
    }

    /** A store with options; the dialect is detected from the database unless given. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    @Override
    public SubjectStore subjects() {
        return subjects;
    }

    @Override
    public OutboxStore outbox() {
        return outbox;
    }

    @Override
    public SilenceStore silences() {
        return silences;
    }

    @Override
    public TransitionLog transitions() {
        return transitions;
    }

    @Override
    public RecordStore records() {
        return records;
    }

    @Override
    public IdempotencyStore idempotency() {
        return idempotency;
    }

    @Override
    public Watermark watermark() {
        return watermark;
    }

    @Override
    public long nextId(String sequence) {
        return sequences.next(sequence);
    }

    /** Runs a trivial query; throws {@link StoreUnavailableException} if the database does not answer. */
    @Override
    public void checkAvailable() {
        db.auto("checking the database", h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The schema version in place (the latest this Vigil knows). */
    public int schemaVersion() {
        return schemaVersion;
    }

    /** Stops the group-commit threads after finishing queued writes. Does not close the DataSource. */
    @Override
    public void close() {
        subjects.close();
    }

    @Override
    public String toString() {
        return "JdbcStore[" + dialect + ", " + tables + ", schema version " + schemaVersion + "]";
    }

    /** Options of a {@link JdbcStore}. */
    public static final class Builder {
        private final DataSource dataSource;
        private @Nullable Dialect dialect;
        private @Nullable String schema;
        private String tablePrefix = "vigil_";
        private boolean runMigrations = true;
        private int groupCommit = JdbcSubjectStore.DEFAULT_GROUP_SIZE;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /** The dialect; by default detected from the database. A mismatch is refused at start. */
        public Builder dialect(Dialect dialect) {
            this.dialect = dialect;
            return this;
        }

        /**
         * The schema that holds Vigil's tables (created if missing); by default the connection's current schema.
         * A plain identifier: letters, digits and {@code _}.
         */
        public Builder schema(@Nullable String schema) {
            this.schema = schema;
            return this;
        }

        /** Prefix of every table, index and constraint name (default {@code vigil_}; may be empty). */
        public Builder tablePrefix(String prefix) {
            this.tablePrefix = prefix;
            return this;
        }

        /**
         * Whether to bring the schema up to date at start (default true). When false, the schema must already be
         * at this Vigil's version (for databases whose DDL is managed elsewhere, e.g. with Flyway and the same
         * scripts).
         */
        public Builder runMigrations(boolean run) {
            this.runMigrations = run;
            return this;
        }

        /**
         * Group commit: up to {@code maxGroup} concurrent subject writes (compare-and-sets, e.g. pushes) share one
         * transaction (default 256); 1 turns it off, so that every write commits on its own.
         */
        public Builder groupCommit(int maxGroup) {
            if (maxGroup < 1 || maxGroup > 10_000) {
                throw new IllegalArgumentException("groupCommit must be between 1 and 10000, got " + maxGroup);
            }
            this.groupCommit = maxGroup;
            return this;
        }

        /**
         * Connects, checks the dialect and migrates (or verifies) the schema.
         *
         * @throws StoreUnavailableException if the database cannot be reached
         * @throws JdbcStoreException        if the schema is newer than this Vigil, missing, or the dialect is wrong
         */
        public JdbcStore build() {
            new Tables(schema, tablePrefix); // validates before connecting
            return new JdbcStore(this);
        }
    }
}
