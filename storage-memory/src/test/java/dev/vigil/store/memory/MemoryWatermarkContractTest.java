package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.WatermarkContractTest;

class MemoryWatermarkContractTest extends WatermarkContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
