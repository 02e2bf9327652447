package dev.vigil.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store makes H2 write each commit before acknowledging it ({@code WRITE_DELAY 0}), and refuses to start when it
 * may not. {@link H2CrashDurabilityTest} shows the effect with {@code kill -9}.
 */
class H2DurabilityTest {
    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("vigil");
    }

    private static int writeDelay(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }

    @Test
    void aStoreOnAnH2FileTurnsTheWriteDelayOff() throws SQLException {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url(), "sa", "");
        try (Connection c = pool.getConnection()) {
            assertThat(writeDelay(c)).as("H2's default").isEqualTo(500);
            try (JdbcStore store = JdbcStore.h2(pool)) {
                assertThat(writeDelay(c)).isZero();
            }
        } finally {
            pool.dispose();
        }
    }

    @Test
    void aUserWithoutAdminRightsOnADelayedDatabaseIsRefusedAtStart() throws SQLException {
        try (Connection admin = DriverManager.getConnection(url(), "sa", "");
                Statement s = admin.createStatement()) {
            s.execute("CREATE USER monitor PASSWORD 'pw'");
            JdbcConnectionPool pool = JdbcConnectionPool.create(url(), "monitor", "pw");
            try {
                assertThatThrownBy(() -> JdbcStore.h2(pool)).isInstanceOf(JdbcStoreException.class)
                        .hasMessageContaining("WRITE_DELAY 500").hasMessageContaining("SET WRITE_DELAY 0")
                        .hasMessageContaining("admin");
            } finally {
                pool.dispose();
            }
        }
    }
}
