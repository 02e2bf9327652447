package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.RecordStoreContractTest;

class MemoryRecordStoreContractTest extends RecordStoreContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
