package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.SubjectStoreContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSubjectStoreContractTest extends SubjectStoreContractTest {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected VigilStore createStore() {
        return PG.store();
    }
}
