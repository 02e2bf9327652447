package dev.vigil.store.jdbc;

import static dev.vigil.monitor.MonitorStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.model.Transition;
import dev.vigil.spi.StoreUnavailableException;
import dev.vigil.testkit.ManualClock;
import dev.vigil.testkit.RecordingNotifier;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** The database going away: at start, during operation, and what Vigil does about deadlines meanwhile. */
class OutageTest {
    @RegisterExtension
    final H2Database h2 = new H2Database();

    private final ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
    private final RecordingNotifier sent = new RecordingNotifier();

    @Test
    void anUnreachableDatabaseAtStartIsAClearError() {
        ToggleDataSource ds = new ToggleDataSource(h2.dataSource());
        ds.down();
        assertThatThrownBy(() -> JdbcStore.h2(ds)).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("cannot reach its database at start-up").hasMessageContaining("Connection refused");
    }

    @Test
    void anUnreachablePostgresAtStartIsAClearError() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {1}); // nothing listens there
        ds.setDatabaseName("test");
        ds.setUser("postgres");
        ds.setConnectTimeout(2);
        assertThatThrownBy(() -> JdbcStore.postgres(ds)).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("cannot reach its database at start-up").hasMessageContaining("08001");
    }

    @Test
    void duringAnOutagePushesAndTicksFailAsUnavailableAndResumeAfterwards() {
        ToggleDataSource ds = new ToggleDataSource(h2.dataSource());
        try (JdbcStore store = JdbcStore.h2(ds);
                Vigil vigil = Vigil.builder().store(store).clock(clock).notifier(sent).build()) {
            CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("m").expectedInterval(Duration.ofMinutes(1)));
            assertThat(vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY).isAccepted()).isTrue();
            vigil.checkReady();

            ds.down();
            assertThatThrownBy(() -> vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(vigil::checkReady).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(vigil::tick).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> vigil.monitors().create(PushMonitorSpec.named("n")
                    .expectedInterval(Duration.ofMinutes(1)))).isInstanceOf(StoreUnavailableException.class);

            ds.up();
            vigil.checkReady();
            assertThat(vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY).isAccepted()).isTrue();
            assertThat(vigil.monitors().get(m.id()).orElseThrow().pushCount()).isEqualTo(2);
        }
    }

    @Test
    void deadlinesThatPassDuringAnOutageGetAFullPeriodAfterIt() {
        ToggleDataSource ds = new ToggleDataSource(h2.dataSource());
        Instant t0 = clock.instant();
        try (JdbcStore store = JdbcStore.h2(ds);
                Vigil vigil = Vigil.builder().store(store).clock(clock).notifier(sent).build()) {
            CreatedMonitor early = vigil.monitors().create(PushMonitorSpec.named("due before the outage")
                    .expectedInterval(Duration.ofSeconds(5)));
            CreatedMonitor retries = vigil.monitors().create(PushMonitorSpec.named("pushes again after it")
                    .expectedInterval(Duration.ofSeconds(60)));
            CreatedMonitor silent = vigil.monitors().create(PushMonitorSpec.named("stays silent")
                    .expectedInterval(Duration.ofSeconds(60)));
            for (CreatedMonitor m : new CreatedMonitor[] {early, retries, silent}) {
                vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
            }
            clock.set(t0.plusSeconds(10));
            vigil.tick(); // the last evaluation before the outage: "early" is DOWN for real
            assertThat(sent.transitions()).extracting(Transition::subjectName).containsExactly("due before the outage");

            ds.down(); // from about t0+10s ...
            clock.set(t0.plusSeconds(70)); // ... the 60 s deadlines (t0+60s) pass while pushes get 503
            assertThatThrownBy(vigil::tick).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> vigil.monitors().push(retries.id(), retries.secret(), Payload.EMPTY))
                    .isInstanceOf(StoreUnavailableException.class);

            ds.up(); // at t0+70s: the first evaluation after the outage records the gap [t0+10s, t0+70s]
            vigil.tick();
            assertThat(sent.transitions()).hasSize(1); // nothing DOWN because of Vigil's own outage
            assertThat(vigil.monitors().get(silent.id()).orElseThrow().nextExpectedBy())
                    .isEqualTo(t0.plusSeconds(130)); // the gap's end plus a full period

            clock.set(t0.plusSeconds(80)); // the pusher retries and gets through
            assertThat(vigil.monitors().push(retries.id(), retries.secret(), Payload.EMPTY).status()).isEqualTo(UP);
            clock.set(t0.plusSeconds(130));
            vigil.tick();
            assertThat(sent.transitions()).hasSize(1);
            clock.set(t0.plusSeconds(130).plusMillis(1)); // a monitor that never pushed again is DOWN
            vigil.tick();
            assertThat(sent.transitions()).extracting(t -> t.subjectName() + " " + t.to()).containsExactly(
                    "due before the outage DOWN", "stays silent DOWN");
            assertThat(vigil.monitors().get(retries.id()).orElseThrow().status()).isEqualTo(UP);
        }
    }
}
