package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.PushConcurrencyContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresPushConcurrencyTest extends PushConcurrencyContractTest {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected VigilStore createStore() {
        return PG.store();
    }
}
