package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.SequenceContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSequenceContractTest extends SequenceContractTest {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected VigilStore createStore() {
        return PG.store();
    }
}
