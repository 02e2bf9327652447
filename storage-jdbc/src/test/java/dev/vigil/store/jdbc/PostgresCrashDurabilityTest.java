package dev.vigil.store.jdbc;

import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link CrashDurabilityContract} on PostgreSQL, in a schema of its own. */
class PostgresCrashDurabilityTest extends CrashDurabilityContract {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected List<String> database() {
        return List.of(PostgresDatabase.URL, PostgresDatabase.USER, PG.schema());
    }

    @Override
    protected JdbcStore reopen() {
        return PG.store();
    }
}
