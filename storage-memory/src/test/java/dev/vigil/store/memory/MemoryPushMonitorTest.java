package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.PushMonitorContractTest;

class MemoryPushMonitorTest extends PushMonitorContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
