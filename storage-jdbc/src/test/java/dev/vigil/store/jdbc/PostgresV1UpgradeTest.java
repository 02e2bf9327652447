package dev.vigil.store.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresV1UpgradeTest extends V1UpgradeContract {
    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Override
    DataSource dataSource() {
        return PG.dataSource();
    }

    @Override
    JdbcStore.Builder builder() {
        return JdbcStore.builder(PG.dataSource()).schema(PG.schema());
    }

    @Override
    JdbcStore.Dialect dialect() {
        return JdbcStore.Dialect.POSTGRESQL;
    }

    @Override
    String table(String name) {
        return PG.schema() + ".vigil_" + name;
    }

    @Override
    String schemaOrNull() {
        return PG.schema();
    }
}
