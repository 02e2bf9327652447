package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.ConcurrentDeliveryContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresConcurrentDeliveryTest extends ConcurrentDeliveryContractTest {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected VigilStore createStore() {
        return PG.store();
    }

    /** A second instance has a connection pool of its own. */
    @Override
    protected VigilStore sameDatabase() {
        return JdbcStore.builder(PG.newPool(8)).dialect(JdbcStore.Dialect.POSTGRESQL).schema(PG.schema()).build();
    }
}
