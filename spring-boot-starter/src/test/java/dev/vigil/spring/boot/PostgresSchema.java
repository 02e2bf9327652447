package dev.vigil.spring.boot;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * PostgreSQL on {@code 127.0.0.1:5432/test} as {@code postgres} ({@code VIGIL_PG_URL}, {@code VIGIL_PG_USER}), in a
 * schema of its own that {@link #close()} drops. Skipped with a message when the server cannot be reached, unless
 * {@code CI=true}: then mandatory, as in storage-jdbc.
 */
final class PostgresSchema implements AutoCloseable {
    static final String URL = env("VIGIL_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = env("VIGIL_PG_USER", "postgres");

    final String schema = "vigil_boot_" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    final HikariDataSource dataSource;

    private PostgresSchema(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** A pool on the server, or the test is skipped (failed when CI=true). */
    static PostgresSchema open() {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("connectTimeout", "3");
        try (Connection c = DriverManager.getConnection(URL, p)) {
            c.isValid(3);
        } catch (SQLException e) {
            String problem = "cannot connect to " + URL + " as " + USER + " (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL is required when CI=true but " + problem, e);
            }
            Assumptions.abort("PostgreSQL test skipped: " + problem + ". Start PostgreSQL on 127.0.0.1:5432 (database"
                    + " test, user postgres, trust auth) or set VIGIL_PG_URL; with CI=true it is mandatory.");
        }
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(URL);
        cfg.setUsername(USER);
        cfg.setMaximumPoolSize(4);
        cfg.setMinimumIdle(0);
        cfg.setPoolName("vigil-boot-test");
        return new PostgresSchema(new HikariDataSource(cfg));
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } finally {
            dataSource.close();
        }
    }
}
