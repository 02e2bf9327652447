package dev.vigil.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class H2JdbcStoreTest extends JdbcStoreContract {
    @RegisterExtension
    final H2Database h2 = new H2Database();

    @Override
    JdbcStore newStore() {
        return h2.store();
    }
}
