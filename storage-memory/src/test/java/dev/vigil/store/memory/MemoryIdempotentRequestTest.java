package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.IdempotentRequestContractTest;

class MemoryIdempotentRequestTest extends IdempotentRequestContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
