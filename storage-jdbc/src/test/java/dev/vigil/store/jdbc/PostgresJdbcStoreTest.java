package dev.vigil.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresJdbcStoreTest extends JdbcStoreContract {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    JdbcStore newStore() {
        return PG.store();
    }
}
