package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.OutboxStoreContractTest;

class MemoryOutboxStoreContractTest extends OutboxStoreContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
