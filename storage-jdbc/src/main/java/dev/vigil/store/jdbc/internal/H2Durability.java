package dev.vigil.store.jdbc.internal;

import dev.vigil.store.jdbc.JdbcStoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits on H2 that survive the process being killed. By default H2 (MVStore) acknowledges a commit at once and
 * writes it to its file up to {@code WRITE_DELAY} (500 ms) later, from a background thread: a process killed in that
 * time loses transactions it reported as committed. With {@code WRITE_DELAY 0} each commit is written to the file
 * before it returns, where the death of the process cannot take it back (a power failure or an operating-system
 * crash may still lose it: H2 does not promise durability against those).
 *
 * <p>The setting is database-wide and persistent, but a connection opened with {@code WRITE_DELAY=n} in its URL (or
 * driver properties) sets it again for everyone, at any time a pool opens a connection. So Vigil sets it at start and
 * then again in every write transaction, before that transaction's commit; this costs a few per cent of an H2 commit
 * and is shared by a whole group commit. A user without H2's admin rights may not change it: then the database must
 * already run with {@code WRITE_DELAY 0} at start, or the store refuses to start, and the URL must not set it.
 * Databases in memory are left alone: nothing of them outlives the process.
 */
public final class H2Durability {
    private static final Logger LOG = LoggerFactory.getLogger(H2Durability.class);
    /** What makes every later commit durable against the death of the process; run before each write's commit. */
    public static final String WRITE_AT_COMMIT = "SET WRITE_DELAY 0";
    private static final int ADMIN_RIGHTS_REQUIRED = 90040;

    private H2Durability() {
    }

    /**
     * Makes commits durable, as far as the connection's rights allow, and tells whether every write transaction must
     * repeat the setting.
     *
     * @return the statement to run in each write transaction, or null when there is none (in memory, or no rights
     *         to change it but already set)
     * @throws JdbcStoreException if commits would not be durable and Vigil may not change that
     */
    public static @Nullable String enforce(Db db) {
        return db.auto("making H2 commits durable", H2Durability::enforceOn);
    }

    private static @Nullable String enforceOn(Handle h) {
        try {
            Connection c = h.getConnection();
            try (Statement s = c.createStatement()) {
                String path;
                try (ResultSet rs = s.executeQuery("SELECT DATABASE_PATH()")) {
                    rs.next();
                    path = rs.getString(1);
                }
                if (path == null) {
                    return null; // in memory
                }
                try {
                    s.execute(WRITE_AT_COMMIT);
                    return WRITE_AT_COMMIT;
                } catch (SQLException e) {
                    if (e.getErrorCode() != ADMIN_RIGHTS_REQUIRED) {
                        throw e;
                    }
                }
                int delay;
                try (ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                        + " WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                    delay = rs.next() ? Integer.parseInt(rs.getString(1).trim()) : -1;
                }
                if (delay != 0) {
                    throw new JdbcStoreException("H2 runs with WRITE_DELAY " + delay + ": it would acknowledge"
                            + " commits up to " + delay + " ms before writing them, and a killed process would lose"
                            + " pushes Vigil had acknowledged. Vigil's database user has no admin rights to change"
                            + " that: connect as an admin, or run SET WRITE_DELAY 0 once as one (it is kept in the"
                            + " database), and do not set WRITE_DELAY in the JDBC URL");
                }
                LOG.info("H2 at {} runs with WRITE_DELAY 0 (Vigil's user may not change it: keep it out of the"
                        + " JDBC URL)", path);
                return null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
