package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.NotificationPolicyContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresNotificationPolicyTest extends NotificationPolicyContractTest {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    protected VigilStore createStore() {
        return PG.store();
    }
}
