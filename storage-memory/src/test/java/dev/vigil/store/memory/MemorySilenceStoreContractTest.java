package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.SilenceStoreContractTest;

class MemorySilenceStoreContractTest extends SilenceStoreContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
