package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.IdempotencyStoreContractTest;

class MemoryIdempotencyStoreContractTest extends IdempotencyStoreContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
