package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.EngineContractTest;

class MemoryEngineTest extends EngineContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
