package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.IdempotentRequestContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2IdempotentRequestTest extends IdempotentRequestContractTest {
    @RegisterExtension
    final H2Database h2 = new H2Database();

    @Override
    protected VigilStore createStore() {
        return h2.store();
    }

    @Override
    protected VigilStore sameDatabase() {
        return h2.store();
    }
}
