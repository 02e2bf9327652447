package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.http.VigilHttp;
import dev.vigil.http.servlet.VigilServlet;
import dev.vigil.micrometer.VigilMetrics;
import dev.vigil.micrometer.VigilOutboxMetrics;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.spi.VigilStore;
import dev.vigil.store.jdbc.JdbcStore;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.testkit.FaultyStore;
import dev.vigil.testkit.ManualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** Each condition and property of the auto-configuration, with real H2, PostgreSQL and HSQLDB data sources. */
class VigilAutoConfigurationTest {
    private static final AutoConfigurations VIGIL = AutoConfigurations.of(VigilAutoConfiguration.class,
            VigilMetricsAutoConfiguration.class, VigilHealthAutoConfiguration.class);
    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(VIGIL);

    private static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:boot" + ThreadLocalRandom.current().nextInt(1 << 30) + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    private static Throwable rootCause(
            org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider<?> context) {
        Throwable t = context.getStartupFailure();
        assertThat(t).as("the context should have failed to start").isNotNull();
        // the deepest exception whose message names a vigil.* property, else the deepest
        Throwable named = null;
        while (t.getCause() != null) {
            t = t.getCause();
            if (t.getMessage() != null && t.getMessage().contains("vigil.")) {
                named = t;
            }
        }
        return named != null ? named : t;
    }

    private static void pushWorks(Vigil vigil) {
        CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("Job " + System.nanoTime())
                .expectedInterval(Duration.ofHours(1)));
        assertThat(vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY).outcome()).isEqualTo(dev.vigil.monitor.PushResult.Outcome.ACCEPTED);
    }

    // --- vigil.store

    @Test
    void withoutADataSourceAutoKeepsStateInMemoryAndStartsVigil() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(Vigil.class).hasSingleBean(VigilStore.class);
            assertThat(context.getBean(VigilStore.class)).isInstanceOf(MemoryStore.class);
            assertThat(context.getBean(VigilLifecycle.class).isRunning()).isTrue();
            pushWorks(context.getBean(Vigil.class));
        });
    }

    @Test
    void anH2DataSourceIsUsedByAuto() {
        runner.withBean(DataSource.class, VigilAutoConfigurationTest::h2).run(context -> {
            assertThat(context.getBean(VigilStore.class)).isInstanceOfSatisfying(JdbcStore.class,
                    s -> assertThat(s.dialect()).isEqualTo(JdbcStore.Dialect.H2));
            pushWorks(context.getBean(Vigil.class));
        });
    }

    @Test
    void theDataSourceOfSpringDatasourcePropertiesIsUsed() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, VigilAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:h2:mem:props;DB_CLOSE_DELAY=-1",
                        "spring.datasource.username=sa", "vigil.jdbc.table-prefix=mon_")
                .run(context -> {
                    assertThat(context.getBean(VigilStore.class)).isInstanceOf(JdbcStore.class);
                    pushWorks(context.getBean(Vigil.class));
                    try (Connection c = context.getBean(DataSource.class).getConnection();
                            Statement s = c.createStatement();
                            var rs = s.executeQuery("SELECT count(*) FROM mon_subject")) {
                        rs.next();
                        assertThat(rs.getLong(1)).isEqualTo(1);
                    }
                });
    }

    @Test
    void aPostgresDataSourceIsUsedByAuto() throws Exception {
        try (PostgresSchema pg = PostgresSchema.open()) {
            // the context must not close the test's pool
            runner.withBean(DataSource.class, () -> new DelegatingDataSource(pg.dataSource)).withPropertyValues("vigil.jdbc.schema=" + pg.schema)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean(VigilStore.class)).isInstanceOfSatisfying(JdbcStore.class,
                                s -> assertThat(s.dialect()).isEqualTo(JdbcStore.Dialect.POSTGRESQL));
                        pushWorks(context.getBean(Vigil.class));
                    });
        }
    }

    @Test
    void anUnsupportedDatabaseFailsTheStartNamingTheProperty() {
        JDBCDataSource hsqldb = new JDBCDataSource();
        hsqldb.setURL("jdbc:hsqldb:mem:unsupported");
        hsqldb.setUser("SA");
        runner.withBean(DataSource.class, () -> hsqldb).run(context ->
                assertThat(rootCause(context)).hasMessageContaining("vigil.store=auto")
                        .hasMessageContaining("HSQL Database Engine").hasMessageContaining("vigil.store=memory"));
    }

    @Test
    void memoryIgnoresTheDataSource() {
        runner.withBean(DataSource.class, VigilAutoConfigurationTest::h2).withPropertyValues("vigil.store=memory")
                .run(context -> assertThat(context.getBean(VigilStore.class)).isInstanceOf(MemoryStore.class));
    }

    @Test
    void jdbcWithoutADataSourceFailsTheStart() {
        runner.withPropertyValues("vigil.store=jdbc").run(context ->
                assertThat(rootCause(context)).hasMessageContaining("vigil.store=jdbc needs the application's DataSource"));
    }

    @Test
    void severalDataSourcesWithoutAPrimaryAreNeverASilentMemoryStore() {
        runner.withBean("one", DataSource.class, VigilAutoConfigurationTest::h2)
                .withBean("two", DataSource.class, VigilAutoConfigurationTest::h2)
                .run(context -> assertThat(rootCause(context)).hasMessageContaining("vigil.store=auto found 2 DataSource"));
    }

    @Test
    void aBadStoreValueIsRefused() {
        runner.withPropertyValues("vigil.store=mongodb").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("vigil.store"));
    }

    // --- vigil.jdbc.run-migrations

    @Test
    void withoutMigrationsAnEmptyDatabaseIsRefused() {
        runner.withBean(DataSource.class, VigilAutoConfigurationTest::h2)
                .withPropertyValues("vigil.jdbc.run-migrations=false")
                .run(context -> assertThat(rootCause(context)).hasMessageContaining("is at version 0")
                        .hasMessageContaining("db/vigil/h2/V1__*.sql"));
    }

    @Test
    void withoutMigrationsASchemaAppliedByTheScriptsAsTheReadmeSaysIsUsed() throws Exception {
        DataSource ds = h2();
        applyScriptsAsFlywayWould(ds, "h2");
        runner.withBean(DataSource.class, () -> ds).withPropertyValues("vigil.jdbc.run-migrations=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    pushWorks(context.getBean(Vigil.class));
                });
    }

    /** What the README tells teams whose Flyway owns the DDL: the scripts, then their rows in vigil_schema_version. */
    static void applyScriptsAsFlywayWould(DataSource ds, String dialect) throws IOException, SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String script : List.of("V1__init.sql", "V2__subjects.sql")) {
                String sql;
                try (InputStream in = VigilAutoConfigurationTest.class.getResourceAsStream("/db/vigil/" + dialect + "/"
                        + script)) {
                    sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                for (String statement : statements(sql.replace("${schema}", "").replace("${prefix}", "vigil_"))) {
                    s.execute(statement);
                }
            }
            s.execute("CREATE TABLE vigil_schema_version (version INTEGER PRIMARY KEY, description VARCHAR(200) NOT NULL,"
                    + " script VARCHAR(200) NOT NULL, checksum BIGINT NOT NULL, installed_at BIGINT NOT NULL)");
            s.execute("INSERT INTO vigil_schema_version VALUES (1, 'init', 'V1__init.sql', 0, 0),"
                    + " (2, 'subjects', 'V2__subjects.sql', 0, 0)");
        }
    }

    private static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (t.endsWith(";")) {
                out.add(current.toString().strip().replaceAll(";$", ""));
                current.setLength(0);
            }
        }
        return out;
    }

    // --- @ConditionalOnMissingBean

    @Test
    void theApplicationsOwnBeansWin() {
        MemoryStore own = new MemoryStore();
        runner.withBean(DataSource.class, VigilAutoConfigurationTest::h2).withBean(VigilStore.class, () -> own)
                .run(context -> assertThat(context.getBean(VigilStore.class)).isSameAs(own));
        runner.withBean("myVigil", Vigil.class, () -> Vigil.builder().store(new MemoryStore()).build(),
                        bd -> bd.setDestroyMethodName("close"))
                .run(context -> {
                    assertThat(context).hasSingleBean(Vigil.class).hasBean("myVigil").doesNotHaveBean("vigil");
                    assertThat(context.getBean(VigilHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
                });
        MeterRegistry registry = new SimpleMeterRegistry();
        VigilMetrics metrics = new VigilMetrics(registry);
        runner.withBean(MeterRegistry.class, () -> registry).withBean(VigilMetrics.class, () -> metrics)
                .run(context -> assertThat(context.getBean(VigilMetrics.class)).isSameAs(metrics));
    }

    @Test
    void aCustomizerChangesTheBuilderAndListenerBeansAreRegistered() {
        ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
        List<Object> heard = new ArrayList<>();
        runner.withBean(VigilBuilderCustomizer.class, () -> b -> b.clock(clock))
                .withBean(dev.vigil.observe.VigilListener.class, () -> new dev.vigil.observe.VigilListener() {
                    @Override
                    public void onInput(dev.vigil.observe.InputEvent e) {
                        heard.add(e);
                    }
                })
                .run(context -> {
                    Vigil vigil = context.getBean(Vigil.class);
                    assertThat(vigil.clock()).isSameAs(clock);
                    pushWorks(vigil);
                    assertThat(heard).hasSize(1);
                });
    }

    // --- properties

    @Test
    void theConfigFileIsApplied(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("vigil.yaml");
        Files.writeString(file, "monitors:\n  - name: \"Nightly export\"\n    config:\n      expected_interval: 86400\n");
        runner.withPropertyValues("vigil.config=" + file).run(context ->
                assertThat(context.getBean(Vigil.class).monitors().findByName("Nightly export")).isPresent());
    }

    @Test
    void badValuesNameTheirProperty() {
        runner.withPropertyValues("vigil.claim-lease=0s").run(context ->
                assertThat(rootCause(context)).hasMessageStartingWith("vigil.claim-lease: "));
        runner.withPropertyValues("vigil.delivery.max-attempts=0").run(context ->
                assertThat(rootCause(context)).hasMessageStartingWith("vigil.delivery: "));
        runner.withBean(DataSource.class, VigilAutoConfigurationTest::h2)
                .withPropertyValues("vigil.jdbc.table-prefix=drop table;").run(context ->
                        assertThat(rootCause(context)).hasMessageStartingWith("vigil.jdbc: tablePrefix must be"));
    }

    // --- meters

    @Test
    void metersExistOnlyWithAMeterRegistry() {
        runner.run(context -> assertThat(context).doesNotHaveBean(VigilMetrics.class)
                .doesNotHaveBean(VigilOutboxMetrics.class));
        MeterRegistry registry = new SimpleMeterRegistry();
        runner.withBean(MeterRegistry.class, () -> registry).run(context -> {
            assertThat(context).hasSingleBean(VigilMetrics.class).hasSingleBean(VigilOutboxMetrics.class);
            pushWorks(context.getBean(Vigil.class));
            assertThat(registry.get("vigil.pushes").tag("result", "accepted").counter().count()).isEqualTo(1);
            assertThat(registry.get("vigil.outbox.pending").gauge().value()).isZero();
        });
    }

    @Test
    void actuatorsMeterRegistryGetsTheMeters() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
                .withConfiguration(VIGIL)
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    pushWorks(context.getBean(Vigil.class));
                    assertThat(registry.get("vigil.pushes").counter().count()).isEqualTo(1);
                    assertThat(registry.find("vigil.outbox.failed").gauges()).hasSize(1);
                });
    }

    // --- health

    @Test
    void theHealthIndicatorNeedsActuatorsHealthSupport() {
        runner.run(context -> assertThat(context.getBean("vigilHealthIndicator", HealthIndicator.class).health()
                .getStatus()).isEqualTo(Status.UP));
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("vigilHealthIndicator"));
        runner.withPropertyValues("management.health.vigil.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("vigilHealthIndicator"));
    }

    @Test
    void theHealthIndicatorIsDownWhileTheStoreIsUnreachable() {
        FaultyStore store = new FaultyStore(new MemoryStore());
        runner.withBean(VigilStore.class, () -> store).run(context -> {
            store.mode(FaultyStore.Mode.UNAVAILABLE);
            var health = context.getBean(VigilHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("store", "unreachable");
            store.mode(FaultyStore.Mode.OK);
        });
    }

    // --- the servlet

    @Test
    void theServletIsRegisteredAtTheMountPathInServletWebApplicationsOnly() {
        WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(VIGIL);
        web.run(context -> {
            assertThat(context).hasSingleBean(VigilHttp.class);
            ServletRegistrationBean<?> r = context.getBean("vigilServlet", ServletRegistrationBean.class);
            assertThat(r.getServlet()).isInstanceOf(VigilServlet.class);
            assertThat(r.getUrlMappings()).containsExactly("/monitoring/*");
        });
        web.withPropertyValues("vigil.http.path=/ops/vigil/*").run(context -> assertThat(
                context.getBean("vigilServlet", ServletRegistrationBean.class).getUrlMappings())
                .containsExactly("/ops/vigil/*"));
        web.withPropertyValues("vigil.http.path=/monitoring").run(context ->
                assertThat(rootCause(context)).hasMessageContaining("vigil.http.path must be a servlet mapping"));
        web.withPropertyValues("vigil.http.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean("vigilServlet").doesNotHaveBean(VigilHttp.class));
        runner.run(context -> assertThat(context).doesNotHaveBean("vigilServlet"));
    }

    @Test
    void credentialsAreCheckedAndNamedByProperty() {
        WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(VIGIL);
        web.withPropertyValues("vigil.http.api-keys[0].scopes=reports.write").run(context ->
                assertThat(rootCause(context)).hasMessage("vigil.http.api-keys[0]: give either key or key-hash"));
        web.withPropertyValues("vigil.http.basic.username=ops").run(context ->
                assertThat(rootCause(context)).hasMessageContaining("vigil.http.basic: give both"));
    }

    @Test
    void configurationMetadataDescribesTheProperties() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(json).contains("\"vigil.store\"", "\"vigil.jdbc.run-migrations\"", "\"vigil.http.path\"",
                    "\"vigil.http.api-keys\"", "\"vigil.allow-private-targets\"", "Bring Vigil's schema up to date");
        }
    }
}
