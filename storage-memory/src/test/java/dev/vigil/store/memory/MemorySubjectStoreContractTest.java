package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.SubjectStoreContractTest;

class MemorySubjectStoreContractTest extends SubjectStoreContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
