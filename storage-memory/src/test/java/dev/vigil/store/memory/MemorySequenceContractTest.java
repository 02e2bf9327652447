package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.SequenceContractTest;

class MemorySequenceContractTest extends SequenceContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
