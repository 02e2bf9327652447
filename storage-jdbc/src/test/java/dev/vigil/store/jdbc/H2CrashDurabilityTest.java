package dev.vigil.store.jdbc;

import java.nio.file.Path;
import java.util.List;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CrashDurabilityContract} on an H2 file, with the plain URL a host passes ({@code jdbc:h2:file:...}, H2's
 * default settings): the store itself must make commits survive the process.
 */
class H2CrashDurabilityTest extends CrashDurabilityContract {
    @TempDir
    Path dir;
    private JdbcConnectionPool pool;

    /** The JDBC URL the host passes. */
    protected String url() {
        return "jdbc:h2:file:" + dir.resolve("vigil");
    }

    @Override
    protected List<String> database() {
        return List.of(url(), "sa", "-");
    }

    @Override
    protected JdbcStore reopen() {
        pool = JdbcConnectionPool.create(url(), "sa", "");
        return JdbcStore.h2(pool);
    }

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.dispose();
        }
    }
}
