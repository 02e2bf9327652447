package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.TransitionLogContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTransitionLogContractTest extends TransitionLogContractTest {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected VigilStore createStore() {
        return PG.store();
    }
}
