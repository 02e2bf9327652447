package dev.vigil.store.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2V1UpgradeTest extends V1UpgradeContract {
    @RegisterExtension
    final H2Database h2 = new H2Database();

    @Override
    DataSource dataSource() {
        return h2.dataSource();
    }

    @Override
    JdbcStore.Builder builder() {
        return JdbcStore.builder(h2.dataSource());
    }

    @Override
    JdbcStore.Dialect dialect() {
        return JdbcStore.Dialect.H2;
    }

    @Override
    String table(String name) {
        return "vigil_" + name;
    }

    @Override
    String schemaOrNull() {
        return null;
    }
}
