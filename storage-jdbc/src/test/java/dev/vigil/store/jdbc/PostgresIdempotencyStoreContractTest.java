package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.IdempotencyStoreContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresIdempotencyStoreContractTest extends IdempotencyStoreContractTest {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected VigilStore createStore() {
        return PG.store();
    }
}
