package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.MonitorStoreContractTest;

class MemoryMonitorStoreTest extends MonitorStoreContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
