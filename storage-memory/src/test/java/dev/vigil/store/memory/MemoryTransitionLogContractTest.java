package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.TransitionLogContractTest;

class MemoryTransitionLogContractTest extends TransitionLogContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
