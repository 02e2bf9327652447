package dev.vigil.store.jdbc.internal;

import dev.vigil.store.jdbc.JdbcStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned SQL scripts {@code db/vigil/<dialect>/V<n>__<description>.sql} (Flyway's naming, with
 * {@code ${schema}} and {@code ${prefix}} placeholders) and records them in {@code <prefix>schema_version}. Several
 * instances may start at once: PostgreSQL serializes them with a transaction-scoped advisory lock (and applies
 * each script atomically, DDL included); H2 with a row in {@code <prefix>schema_lock}, taken with a lease so that
 * a crashed starter cannot block the next start for ever.
 */
public final class Migrator {
    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
    private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
    /** Every script, in order. Add new ones here (a test checks this list against the resources). */
    public static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__subjects.sql");
    private static final Duration LOCK_WAIT = Duration.ofSeconds(60);
    private static final Duration H2_LOCK_LEASE = Duration.ofMinutes(5);

    private final String dialectDir;
    private final boolean postgres;
    private final Tables tables;
    private final List<String> scriptNames;

    public Migrator(String dialectDir, boolean postgres, Tables tables) {
        this(dialectDir, postgres, tables, SCRIPTS);
    }

    /** A migrator that knows only the first scripts (tests build databases of older releases with it). */
    public Migrator(String dialectDir, boolean postgres, Tables tables, List<String> scripts) {
        this.dialectDir = dialectDir;
        this.postgres = postgres;
        this.tables = tables;
        this.scriptNames = List.copyOf(scripts);
    }

    /** One script on the classpath. */
    public record Script(int version, String description, String resource, String sql, long checksum) {
    }

    public List<Script> scripts() {
        List<Script> out = new ArrayList<>();
        for (String name : scriptNames) {
            Matcher m = SCRIPT.matcher(name);
            if (!m.matches()) {
                throw new IllegalStateException("bad migration script name " + name);
            }
            String resource = "db/vigil/" + dialectDir + "/" + name;
            String sql = read(resource);
            CRC32 crc = new CRC32();
            crc.update(sql.getBytes(StandardCharsets.UTF_8));
            out.add(new Script(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), resource, sql,
                    crc.getValue()));
        }
        return out;
    }

    public int latestVersion() {
        return scripts().get(scripts().size() - 1).version();
    }

    private static String read(String resource) {
        try (InputStream in = Migrator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration script " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /** Brings the schema to the latest version; returns the version now in place. */
    public int migrate(Db db) {
        List<Script> scripts = scripts();
        int latest = scripts.get(scripts.size() - 1).version();
        if (postgres) {
            return db.tx("migrating the schema", h -> {
                // transaction-scoped: released by the commit or rollback, also if this process dies
                h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:k1, :k2)) AS locked")
                        .bind("k1", 0x56494749).bind("k2", tables.toString().hashCode()).mapTo(Integer.class).one();
                prepare(h);
                return apply(h, scripts, latest);
            });
        }
        db.auto("preparing the schema", h -> {
            prepare(h);
            h.execute("CREATE TABLE IF NOT EXISTS " + tables.lock()
                    + " (id INT PRIMARY KEY, owner VARCHAR(64), acquired_at BIGINT)");
            h.execute("MERGE INTO " + tables.lock() + " (id) KEY (id) VALUES (1)");
            return null;
        });
        String owner = UUID.randomUUID().toString();
        acquireH2Lock(db, owner);
        try {
            return db.auto("migrating the schema", h -> apply(h, scripts, latest));
        } finally {
            db.auto("releasing the schema lock", h -> h.createUpdate("UPDATE " + tables.lock()
                    + " SET owner = NULL, acquired_at = NULL WHERE id = 1 AND owner = :owner").bind("owner", owner)
                    .execute());
        }
    }

    private void acquireH2Lock(Db db, String owner) {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            long now = System.currentTimeMillis();
            int got = db.auto("taking the schema lock", h -> h.createUpdate("UPDATE " + tables.lock()
                    + " SET owner = :owner, acquired_at = :now WHERE id = 1 AND (owner IS NULL OR acquired_at < :stale)")
                    .bind("owner", owner).bind("now", now).bind("stale", now - H2_LOCK_LEASE.toMillis()).execute());
            if (got == 1) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new JdbcStoreException("another instance has held the schema lock (" + tables.lock()
                        + ") for over " + LOCK_WAIT.toSeconds() + " s; if no other instance is starting, clear it with"
                        + " UPDATE " + tables.lock() + " SET owner = NULL");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JdbcStoreException("interrupted while waiting for the schema lock");
            }
        }
    }

    private void prepare(Handle h) {
        if (tables.schema() != null) {
            h.execute("CREATE SCHEMA IF NOT EXISTS " + tables.schema());
        }
        h.execute("CREATE TABLE IF NOT EXISTS " + tables.version() + " (version INTEGER PRIMARY KEY,"
                + " description VARCHAR(200) NOT NULL, script VARCHAR(200) NOT NULL, checksum BIGINT NOT NULL,"
                + " installed_at BIGINT NOT NULL)");
    }

    private int apply(Handle h, List<Script> scripts, int latest) {
        int current = current(h);
        checkNotNewer(current, latest);
        for (Script s : scripts) {
            if (s.version() <= current) {
                continue;
            }
            LOG.info("Applying Vigil schema migration {} to {}", s.resource(), tables);
            for (String statement : statements(tables.expand(s.sql()))) {
                h.execute(statement);
            }
            h.createUpdate("INSERT INTO " + tables.version() + " (version, description, script, checksum, installed_at)"
                    + " VALUES (:v, :d, :s, :c, :at)").bind("v", s.version()).bind("d", s.description())
                    .bind("s", s.resource()).bind("c", s.checksum()).bind("at", System.currentTimeMillis()).execute();
            current = s.version();
        }
        return current;
    }

    /** Checks, without changing anything, that the schema is exactly at the latest version. */
    public int verify(Db db) {
        int latest = latestVersion();
        int current = db.auto("checking the schema version", h -> {
            if (!versionTableExists(h)) {
                return 0;
            }
            return current(h);
        });
        checkNotNewer(current, latest);
        if (current < latest) {
            throw new JdbcStoreException("the Vigil schema in " + tables + " is at version " + current
                    + " but this Vigil needs version " + latest + ": start with runMigrations(true), or apply "
                    + "db/vigil/" + dialectDir + "/V" + (current + 1) + "__*.sql and later yourself");
        }
        return current;
    }

    private boolean versionTableExists(Handle h) {
        try {
            h.createQuery("SELECT count(*) FROM " + tables.version()).mapTo(Long.class).one();
            return true;
        } catch (RuntimeException e) {
            if (Errors.isUnavailable(e)) {
                throw e;
            }
            return false;
        }
    }

    private int current(Handle h) {
        @Nullable Integer v = h.createQuery("SELECT max(version) FROM " + tables.version()).mapTo(Integer.class).one();
        return v == null ? 0 : v;
    }

    private void checkNotNewer(int current, int latest) {
        if (current > latest) {
            throw new JdbcStoreException("the Vigil schema in " + tables + " is at version " + current
                    + ", newer than this Vigil knows (" + latest + "): another instance runs a newer Vigil."
                    + " Upgrade this one, or point it at another schema or table prefix.");
        }
    }

    /** Splits a script at semicolons that end a line, dropping {@code --} comments and blank statements. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            int comment = trimmed.indexOf("--");
            if (comment >= 0) {
                trimmed = trimmed.substring(0, comment).strip();
            }
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                out.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
