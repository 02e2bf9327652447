package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.TaskContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTaskTest extends TaskContractTest {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected VigilStore createStore() {
        return PG.store();
    }
}
