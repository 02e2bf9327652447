package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.DowntimeContractTest;

class MemoryDowntimeTest extends DowntimeContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
