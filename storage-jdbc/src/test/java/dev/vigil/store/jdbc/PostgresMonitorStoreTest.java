package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.MonitorStoreContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresMonitorStoreTest extends MonitorStoreContractTest {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected VigilStore createStore() {
        return PG.store();
    }
}
