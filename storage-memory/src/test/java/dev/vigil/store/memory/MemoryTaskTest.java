package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.TaskContractTest;

class MemoryTaskTest extends TaskContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
