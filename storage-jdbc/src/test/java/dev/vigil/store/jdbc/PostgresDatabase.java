package dev.vigil.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * PostgreSQL for a test class: a schema of its own (random name) on {@code 127.0.0.1:5432/test} as user
 * {@code postgres} (override with {@code VIGIL_PG_URL}, {@code VIGIL_PG_USER}), emptied before each test and
 * dropped after the class. Register it as a static field:
 * {@code @RegisterExtension static final PostgresDatabase pg = new PostgresDatabase();}
 *
 * <p>When PostgreSQL cannot be reached, the class is skipped with a message, unless {@code CI=true}: then it
 * fails, because CI must run these tests.
 */
public final class PostgresDatabase implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    static final String URL = env("VIGIL_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = env("VIGIL_PG_USER", "postgres");
    private static volatile String unreachable; // null: not checked yet or reachable
    private static volatile boolean checked;

    private final String schema = "vigil_test_" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    private final List<HikariDataSource> pools = new ArrayList<>();
    private HikariDataSource main;

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String problem = reachability();
        if (problem == null) {
            main = newPool(8);
        } else if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("PostgreSQL is required when CI=true but " + problem);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        // skipped per test (not per class) so that the report counts them as skipped, with this message
        Assumptions.assumeTrue(main != null, () -> "PostgreSQL tests skipped: " + unreachable
                + ". Start PostgreSQL on 127.0.0.1:5432 (database test, user postgres, trust auth) or set"
                + " VIGIL_PG_URL; with CI=true these tests are mandatory.");
        dropSchema();
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (main == null) {
            return;
        }
        try {
            dropSchema();
        } finally {
            pools.forEach(HikariDataSource::close);
        }
    }

    private void dropSchema() throws SQLException {
        try (Connection c = main.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static synchronized String reachability() {
        if (!checked) {
            checked = true;
            Properties p = props();
            p.setProperty("connectTimeout", "3");
            p.setProperty("loginTimeout", "3");
            try (Connection c = DriverManager.getConnection(URL, p)) {
                c.isValid(3);
            } catch (SQLException e) {
                unreachable = "cannot connect to " + URL + " as " + USER + " (" + e.getMessage() + ")";
                System.err.println("WARNING: " + unreachable + ": PostgreSQL tests are skipped (set CI=true to"
                        + " make them mandatory)");
            }
        }
        return unreachable;
    }

    private static Properties props() {
        Properties p = new Properties();
        p.setProperty("user", USER);
        return p;
    }

    /** This class's schema. */
    public String schema() {
        return schema;
    }

    /** The class's shared pool (8 connections). */
    public DataSource dataSource() {
        return main;
    }

    /**
     * A pool of its own (as another instance would have), closed after the class. Commits do not wait for the
     * disk (synchronous_commit off): durability is PostgreSQL's business, and it keeps the tests fast.
     */
    public HikariDataSource newPool(int size) {
        return newPool(size, null);
    }

    /** A pool of its own whose connections use {@code currentSchema} (the search path), if given. */
    public HikariDataSource newPool(int size, String currentSchema) {
        HikariConfig cfg = new HikariConfig();
        if (currentSchema != null) {
            cfg.addDataSourceProperty("currentSchema", currentSchema);
        }
        cfg.setJdbcUrl(URL);
        cfg.setUsername(USER);
        cfg.setMaximumPoolSize(size);
        cfg.setMinimumIdle(0);
        cfg.setConnectionTimeout(10_000);
        cfg.setPoolName("vigil-test-" + schema + "-" + pools.size());
        cfg.addDataSourceProperty("options", "-c synchronous_commit=off");
        HikariDataSource ds = new HikariDataSource(cfg);
        pools.add(ds);
        return ds;
    }

    /** A store with default options in this class's schema. */
    public JdbcStore store() {
        return JdbcStore.builder(main).dialect(JdbcStore.Dialect.POSTGRESQL).schema(schema).build();
    }

    /** Runs a query returning one number, in this class's schema (e.g. counts for assertions). */
    public long count(String sql) throws SQLException {
        try (Connection c = main.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
            try (var rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            } finally {
                s.execute("RESET search_path");
            }
        }
    }
}
