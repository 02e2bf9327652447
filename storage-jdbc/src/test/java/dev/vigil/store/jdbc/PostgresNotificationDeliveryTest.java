package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.NotificationDeliveryContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresNotificationDeliveryTest extends NotificationDeliveryContractTest {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected VigilStore createStore() {
        return PG.store();
    }
}
