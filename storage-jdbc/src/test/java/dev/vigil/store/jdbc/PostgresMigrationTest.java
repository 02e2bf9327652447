package dev.vigil.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresMigrationTest extends MigrationContract {
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
    String table(String name) {
        return PG.schema() + ".vigil_" + name;
    }

    @Test
    void theDialectIsDetected() {
        try (JdbcStore detected = builder().build()) {
            assertThat(detected.dialect()).isEqualTo(JdbcStore.Dialect.POSTGRESQL);
        }
    }
}
