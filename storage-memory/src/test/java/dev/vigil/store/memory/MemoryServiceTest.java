package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.ServiceContractTest;

class MemoryServiceTest extends ServiceContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
