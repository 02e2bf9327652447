package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.NotificationPolicyContractTest;

class MemoryNotificationPolicyTest extends NotificationPolicyContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
