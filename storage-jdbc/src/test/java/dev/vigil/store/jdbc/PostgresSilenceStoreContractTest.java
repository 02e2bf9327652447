package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.SilenceStoreContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSilenceStoreContractTest extends SilenceStoreContractTest {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected VigilStore createStore() {
        return PG.store();
    }
}
