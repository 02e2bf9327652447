package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.OutboxStoreContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresOutboxStoreContractTest extends OutboxStoreContractTest {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected VigilStore createStore() {
        return PG.store();
    }
}
