package dev.vigil.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh in-memory H2 database per test (unique name), dropped afterwards. Register it as an instance field:
 * {@code @RegisterExtension final H2Database h2 = new H2Database();}
 */
public final class H2Database implements BeforeEachCallback, AfterEachCallback {
    private JdbcConnectionPool pool;
    private String url;

    @Override
    public void beforeEach(ExtensionContext context) {
        url = "jdbc:h2:mem:vigil-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(16);
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } finally {
            pool.dispose();
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public String url() {
        return url;
    }

    /** A store with the default options on this database. */
    public JdbcStore store() {
        return JdbcStore.h2(pool);
    }
}
