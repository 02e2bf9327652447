package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.DowntimeContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresDowntimeTest extends DowntimeContractTest {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected VigilStore createStore() {
        return PG.store();
    }
}
