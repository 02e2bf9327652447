package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.EventContractTest;

class MemoryEventTest extends EventContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
