package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.WatermarkContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresWatermarkContractTest extends WatermarkContractTest {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected VigilStore createStore() {
        return PG.store();
    }
}
