package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.HeartbeatContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresHeartbeatTest extends HeartbeatContractTest {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected VigilStore createStore() {
        return PG.store();
    }
}
