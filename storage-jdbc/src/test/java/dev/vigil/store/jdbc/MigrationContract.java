package dev.vigil.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.SubjectRef;
import dev.vigil.spi.Commit;
import dev.vigil.spi.StoredSubject;
import dev.vigil.spi.SubjectQuery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Schema migrations, the same on every dialect. */
abstract class MigrationContract {
    static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");

    abstract DataSource dataSource();

    /** A builder for this database with the test's schema (if any). */
    abstract JdbcStore.Builder builder();

    /** The qualified name of a table with the default prefix, e.g. {@code vigil_schema_version}. */
    abstract String table(String name);

    long count(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static void insertMonitor(JdbcStore store, String name) {
        String key = Long.toString(store.nextId("push_monitor"));
        store.subjects().insert(new StoredSubject(SubjectRef.of("push_monitor", key), 1, name, Map.of(), "NO_PUSH_YET",
                T0.plus(Duration.ofMinutes(1)), "{}", "{}", T0, T0), Commit.NONE);
    }

    static List<StoredSubject> monitors(JdbcStore store) {
        return store.subjects().list(SubjectQuery.all("push_monitor", 100));
    }

    @Test
    void aFreshDatabaseIsMigratedOnceAndTheVersionRecorded() throws SQLException {
        try (JdbcStore first = builder().build()) {
            assertThat(first.schemaVersion()).isEqualTo(2);
            insertMonitor(first, "a");
        }
        try (JdbcStore again = builder().build()) {
            assertThat(again.schemaVersion()).isEqualTo(2);
            assertThat(again.subjects().findByName("push_monitor", "a")).isPresent();
        }
        assertThat(count("SELECT count(*) FROM " + table("schema_version"))).isEqualTo(2);
        assertThat(count("SELECT max(version) FROM " + table("schema_version"))).isEqualTo(2);
    }

    @Test
    void aSchemaNewerThanThisVigilIsRefused() throws SQLException {
        builder().build().close();
        execute("INSERT INTO " + table("schema_version")
                + " (version, description, script, checksum, installed_at) VALUES (99, 'future', 'V99__future.sql', 0, 0)");
        assertThatThrownBy(() -> builder().build()).isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("version 99").hasMessageContaining("newer than this Vigil knows (2)");
        assertThatThrownBy(() -> builder().runMigrations(false).build()).isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("newer");
    }

    @Test
    void withoutMigrationsTheSchemaMustBeInPlace() {
        assertThatThrownBy(() -> builder().runMigrations(false).build()).isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("at version 0").hasMessageContaining("runMigrations(true)");
        builder().build().close();
        try (JdbcStore store = builder().runMigrations(false).build()) {
            insertMonitor(store, "ok");
        }
    }

    @Test
    void prefixesKeepStoresOnOneDatabaseApart() {
        try (JdbcStore plain = builder().build(); JdbcStore other = builder().tablePrefix("other_").build();
                JdbcStore bare = builder().tablePrefix("").build()) {
            insertMonitor(plain, "same");
            insertMonitor(other, "same");
            insertMonitor(bare, "same");
            assertThat(monitors(plain)).hasSize(1);
            assertThat(monitors(other)).hasSize(1);
            assertThat(monitors(bare)).hasSize(1);
        }
    }

    @Test
    void concurrentStartsMigrateOnce() throws Exception {
        int n = 4;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<JdbcStore>> starts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                starts.add(pool.submit(() -> {
                    go.await();
                    return builder().build();
                }));
            }
            go.countDown();
            for (Future<JdbcStore> f : starts) {
                try (JdbcStore s = f.get(60, TimeUnit.SECONDS)) {
                    assertThat(s.schemaVersion()).isEqualTo(2);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT count(*) FROM " + table("schema_version"))).isEqualTo(2);
    }

    @Test
    void identifiersAreCheckedBeforeConnecting() {
        assertThatThrownBy(() -> builder().tablePrefix("x; DROP TABLE y; --").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tablePrefix");
        assertThatThrownBy(() -> builder().schema("1st").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema");
        assertThatThrownBy(() -> builder().groupCommit(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
