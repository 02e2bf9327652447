package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.PushMonitorContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresPushMonitorTest extends PushMonitorContractTest {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected VigilStore createStore() {
        return PG.store();
    }
}
