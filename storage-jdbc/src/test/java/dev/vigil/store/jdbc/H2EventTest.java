package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.EventContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2EventTest extends EventContractTest {
    @RegisterExtension
    final H2Database h2 = new H2Database();

    @Override
    protected VigilStore createStore() {
        return h2.store();
    }
}
