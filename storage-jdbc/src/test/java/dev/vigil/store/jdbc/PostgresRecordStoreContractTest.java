package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.RecordStoreContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresRecordStoreContractTest extends RecordStoreContractTest {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected VigilStore createStore() {
        return PG.store();
    }
}
