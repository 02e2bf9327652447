package dev.vigil.store.memory;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.NotificationDeliveryContractTest;

class MemoryNotificationDeliveryTest extends NotificationDeliveryContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }
}
