package dev.vigil.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.Vigil;
import dev.vigil.spi.SubjectQuery;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The snippets of README.md's storage-jdbc section, compiled and run. */
class ReadmeExampleTest {
    @RegisterExtension
    final H2Database h2 = new H2Database();

    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    @Test
    void h2AndTheBuilder() {
        DataSource dataSource = h2.dataSource();
        DataSource pooledDataSource = h2.dataSource();

        Vigil vigil = Vigil.builder()
                .store(JdbcStore.h2(dataSource))               // embedded H2, e.g. jdbc:h2:./data/vigil
                .build();

        JdbcStore store = JdbcStore.builder(pooledDataSource)  // options; the dialect is detected if not given
                .schema("monitoring")                          // default: the connection's current schema (created if missing)
                .tablePrefix("vigil_")                         // default vigil_; may be empty
                .runMigrations(true)                           // default true
                .groupCommit(256)                              // pushes sharing one transaction at most; 1 = off
                .build();

        CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("backup").expectedInterval(Duration.ofHours(1)));
        assertThat(vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY).isAccepted()).isTrue();
        vigil.close();
        assertThat(store.dialect()).isEqualTo(JdbcStore.Dialect.H2);
        assertThat(store.subjects().list(SubjectQuery.all("push_monitor", 10))).isEmpty(); // another schema
        store.close();
    }

    @Test
    void postgres() throws Exception {
        try (Connection c = PG.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + PG.schema());
        }
        HikariDataSource pooledDataSource = PG.newPool(2, PG.schema()); // closed with the test class

        Vigil shared = Vigil.builder()
                .store(JdbcStore.postgres(pooledDataSource))   // PostgreSQL: production, several instances
                .build();

        CreatedMonitor m = shared.monitors().create(PushMonitorSpec.named("backup").expectedInterval(Duration.ofHours(1)));
        assertThat(shared.monitors().push(m.id(), m.secret(), Payload.EMPTY).isAccepted()).isTrue();
        shared.close();
        assertThat(PG.count("SELECT count(*) FROM vigil_subject WHERE kind = 'push_monitor'")).isEqualTo(1);
    }
}
