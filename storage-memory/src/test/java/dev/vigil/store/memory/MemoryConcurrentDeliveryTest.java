package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.ConcurrentDeliveryContractTest;

class MemoryConcurrentDeliveryTest extends ConcurrentDeliveryContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
