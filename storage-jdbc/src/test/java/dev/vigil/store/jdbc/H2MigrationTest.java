package dev.vigil.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.store.jdbc.internal.Migrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2MigrationTest extends MigrationContract {
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
    String table(String name) {
        return "vigil_" + name;
    }

    @Test
    void aSchemaOfItsOwnIsCreated() throws SQLException {
        try (JdbcStore store = builder().schema("monitoring").build()) {
            insertMonitor(store, "a");
        }
        assertThat(count("SELECT count(*) FROM monitoring.vigil_subject")).isEqualTo(1);
    }

    @Test
    void aStaleSchemaLockIsTakenOver() throws SQLException {
        builder().build().close();
        execute("UPDATE vigil_schema_lock SET owner = 'crashed-instance', acquired_at = 0");
        try (JdbcStore store = builder().build()) {
            assertThat(store.schemaVersion()).isEqualTo(2);
        }
    }

    @Test
    void theDialectIsCheckedAndDetected() {
        assertThatThrownBy(() -> JdbcStore.postgres(h2.dataSource())).isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("JdbcStore.h2(dataSource)");
        try (JdbcStore detected = JdbcStore.builder(h2.dataSource()).build()) {
            assertThat(detected.dialect()).isEqualTo(JdbcStore.Dialect.H2);
        }
    }

    @Test
    void everyScriptOnDiskIsListedInOrder() throws IOException {
        for (JdbcStore.Dialect d : JdbcStore.Dialect.values()) {
            Path dir = Path.of("src/main/resources/db/vigil", d.scriptFolder());
            try (Stream<Path> files = Files.list(dir)) {
                List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
                assertThat(names).as(d.name()).containsExactlyInAnyOrderElementsOf(Migrator.SCRIPTS);
            }
        }
    }
}
