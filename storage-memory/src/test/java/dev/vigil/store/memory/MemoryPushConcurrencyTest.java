package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.PushConcurrencyContractTest;

class MemoryPushConcurrencyTest extends PushConcurrencyContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
