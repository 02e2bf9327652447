package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.HeartbeatContractTest;

class MemoryHeartbeatTest extends HeartbeatContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
