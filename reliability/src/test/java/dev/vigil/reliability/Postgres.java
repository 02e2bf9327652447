package dev.vigil.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared PostgreSQL server (127.0.0.1:5432, database {@code test}, user {@code postgres}; override with
 * {@code VIGIL_PG_URL} and {@code VIGIL_PG_USER}). Each scenario works in a schema of its own and drops it. Without a
 * reachable server PostgreSQL scenarios are skipped, unless {@code CI=true}, where they fail.
 */
final class Postgres {
    static final String URL = env("VIGIL_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = env("VIGIL_PG_USER", "postgres");

    private Postgres() {
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static void require() {
        try (Connection c = connect()) {
            c.isValid(5);
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("PostgreSQL is mandatory with CI=true and not reachable at " + URL, e);
            }
            Assumptions.assumeTrue(false, "PostgreSQL not reachable at " + URL + " (set VIGIL_PG_URL): skipped");
        }
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, System.getenv().getOrDefault("VIGIL_PG_PASSWORD", ""));
    }

    /** A fresh schema name; the child creates the schema at start. */
    static String newSchema() {
        return "rel_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    /** A JDBC URL for a child, with credentials as parameters (the example server takes only a URL). */
    static String childUrl(String schema, String hostPort) {
        String base = URL.replace("127.0.0.1:5432", hostPort);
        String sep = base.contains("?") ? "&" : "?";
        String pw = System.getenv().getOrDefault("VIGIL_PG_PASSWORD", "");
        return base + sep + "user=" + USER + (pw.isEmpty() ? "" : "&password=" + pw) + "&currentSchema=" + schema;
    }

    static String childUrl(String schema) {
        return childUrl(schema, "127.0.0.1:5432");
    }

    static void create(String schema) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new AssertionError("could not create schema " + schema, e);
        }
    }

    static void drop(String schema) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new AssertionError("could not drop schema " + schema, e);
        }
    }
}
