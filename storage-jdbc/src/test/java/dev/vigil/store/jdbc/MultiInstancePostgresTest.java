package dev.vigil.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.TickResult;
import dev.vigil.Vigil;
import dev.vigil.heartbeat.CheckEvent;
import dev.vigil.heartbeat.HeartbeatSpec;
import dev.vigil.monitor.AlertOn;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.MonitorStatus;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.notify.Notification;
import dev.vigil.model.Transition;
import dev.vigil.testkit.ManualClock;
import dev.vigil.testkit.RecordingNotifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several Vigil instances on one PostgreSQL schema: the outcome must be that of one instance. No sleeping: both
 * instances share a manual clock, and leases run on the {@code now} it gives.
 */
class MultiInstancePostgresTest {
    private static final Logger LOG = LoggerFactory.getLogger(MultiInstancePostgresTest.class);

    @RegisterExtension
    static final PostgresDatabase PG = new PostgresDatabase();

    private static PushMonitorSpec spec(String name) {
        return PushMonitorSpec.named(name).expectedInterval(Duration.ofSeconds(60)).notify("ops")
                .alertOn(AlertOn.DOWN).build();
    }

    private JdbcStore store(HikariDataSource ds) {
        return JdbcStore.builder(ds).dialect(JdbcStore.Dialect.POSTGRESQL).schema(PG.schema()).build();
    }

    @Test
    void twoInstancesTickingAtOnceTurnEachOverdueMonitorDownExactlyOnce() throws Exception {
        int monitors = 10_000;
        ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
        RecordingNotifier opsA = new RecordingNotifier();
        RecordingNotifier opsB = new RecordingNotifier();
        RecordingNotifier allA = new RecordingNotifier();
        RecordingNotifier allB = new RecordingNotifier();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (JdbcStore storeA = store(PG.newPool(4)); JdbcStore storeB = store(PG.newPool(4));
                Vigil a = Vigil.builder().store(storeA).clock(clock).notifier(allA).channel("ops", opsA).build();
                Vigil b = Vigil.builder().store(storeB).clock(clock).notifier(allB).channel("ops", opsB).build()) {
            long started = System.nanoTime();
            List<Future<?>> setup = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                setup.add(pool.submit(() -> {
                    for (int k = thread; k < monitors; k += 4) {
                        Vigil v = k % 2 == 0 ? a : b;
                        CreatedMonitor m = v.monitors().create(spec("m" + k));
                        assertThat(v.monitors().push(m.id(), m.secret(), Payload.EMPTY).isAccepted()).isTrue();
                    }
                    return null;
                }));
            }
            for (Future<?> f : setup) {
                f.get(5, TimeUnit.MINUTES);
            }
            LOG.info("created and pushed {} monitors in {} ms", monitors, (System.nanoTime() - started) / 1_000_000);

            clock.advance(Duration.ofSeconds(60).plusMillis(1)); // strictly past every deadline
            CountDownLatch go = new CountDownLatch(1);
            Future<TickResult> tickA = pool.submit(() -> {
                go.await();
                return a.tick();
            });
            Future<TickResult> tickB = pool.submit(() -> {
                go.await();
                return b.tick();
            });
            started = System.nanoTime();
            go.countDown();
            TickResult ra = tickA.get(5, TimeUnit.MINUTES);
            TickResult rb = tickB.get(5, TimeUnit.MINUTES);
            LOG.info("ticks took {} ms: A {} / B {}", (System.nanoTime() - started) / 1_000_000, ra, rb);

            assertThat(ra.transitions() + rb.transitions()).isEqualTo(monitors);
            assertThat(PG.count("SELECT count(*) FROM vigil_transition WHERE to_status = 'DOWN'")).isEqualTo(monitors);
            assertThat(PG.count("SELECT count(DISTINCT subject_key) FROM vigil_transition WHERE to_status = 'DOWN'"))
                    .isEqualTo(monitors);
            assertThat(PG.count("SELECT count(*) FROM vigil_outbox WHERE channel = 'ops'")).isEqualTo(monitors);
            assertThat(PG.count("SELECT count(DISTINCT t_id) FROM vigil_outbox WHERE channel = 'ops'"))
                    .isEqualTo(monitors);
            assertThat(PG.count("SELECT count(*) FROM vigil_outbox")).isEqualTo(2L * monitors); // + the default channel
            assertThat(PG.count("SELECT count(*) FROM vigil_outbox WHERE status = 'DELIVERED' AND attempts = 1"))
                    .isEqualTo(2L * monitors);
            assertThat(PG.count("SELECT count(*) FROM vigil_subject WHERE kind = 'push_monitor' AND status = 'DOWN'")).isEqualTo(monitors);

            List<Notification> ops = new ArrayList<>(opsA.deliveries());
            ops.addAll(opsB.deliveries());
            assertThat(ops).hasSize(monitors); // each delivered once, by one of the two
            Set<String> subjects = new HashSet<>();
            ops.forEach(n -> subjects.add(n.transition().key()));
            assertThat(subjects).hasSize(monitors);
            assertThat(ops).allSatisfy(n -> assertThat(n.transition().to()).isEqualTo("DOWN"));
            assertThat(allA.deliveries().size() + allB.deliveries().size()).isEqualTo(monitors);
            LOG.info("deliveries to ops: A {}, B {}; group commit: {} pushes in {} transactions (A), {} in {} (B)",
                    opsA.deliveries().size(), opsB.deliveries().size(), groupWrites(storeA), groupBatches(storeA),
                    groupWrites(storeB), groupBatches(storeB));
        } finally {
            pool.shutdownNow();
        }
    }

    private static long groupWrites(JdbcStore s) {
        var g = ((dev.vigil.store.jdbc.internal.JdbcSubjectStore) s.subjects()).group();
        return g == null ? 0 : g.writes();
    }

    private static long groupBatches(JdbcStore s) {
        var g = ((dev.vigil.store.jdbc.internal.JdbcSubjectStore) s.subjects()).group();
        return g == null ? 0 : g.batches();
    }

    @Test
    void notificationsClaimedByAnInstanceThatDiesAreDeliveredByAnotherAfterTheLease() throws Exception {
        int monitors = 50;
        int leaseSeconds = 5;
        ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
        RecordingNotifier ops = new RecordingNotifier();
        RecordingNotifier all = new RecordingNotifier();
        try (JdbcStore store = store(PG.newPool(4));
                Vigil survivor = Vigil.builder().store(store).clock(clock).notifier(all).channel("ops", ops).build()) {
            for (int k = 0; k < monitors; k++) {
                CreatedMonitor m = survivor.monitors().create(spec("m" + k));
                survivor.monitors().push(m.id(), m.secret(), Payload.EMPTY);
            }
            clock.advance(Duration.ofSeconds(61));

            // another instance evaluates, claims the notifications, and dies in the middle of delivering them
            try (ChildJvm child = ChildJvm.start(CrashingInstance.class, PostgresDatabase.URL, PostgresDatabase.USER,
                    PG.schema(), Long.toString(clock.instant().toEpochMilli()), Integer.toString(leaseSeconds))) {
                child.awaitLine(line -> line.startsWith("DELIVERING"), Duration.ofMinutes(2));
                child.kill();
            }

            // the dead instance wrote every transition, once, and holds leases only on what it had started to
            // deliver: a claim is no bigger than its free delivery slots (at most 2 x 4 per destination, 2 here)
            assertThat(PG.count("SELECT count(*) FROM vigil_transition WHERE to_status = 'DOWN'")).isEqualTo(monitors);
            assertThat(PG.count("SELECT count(*) FROM vigil_outbox WHERE status = 'PENDING'")).isEqualTo(2L * monitors);
            long held = PG.count("SELECT count(*) FROM vigil_outbox WHERE status = 'PENDING'"
                    + " AND claim_token IS NOT NULL");
            assertThat(held).isBetween(1L, 16L);

            TickResult during = survivor.tick();
            assertThat(during.transitions()).isZero();
            assertThat(during.delivered()).isEqualTo(2 * monitors - held); // the rest is leased to the dead instance

            clock.advance(Duration.ofSeconds(leaseSeconds));
            TickResult after = survivor.tick();
            assertThat(after.delivered()).isEqualTo(held);
            assertThat(ops.transitions()).hasSize(monitors).extracting(Transition::to).containsOnly("DOWN");
            assertThat(PG.count("SELECT count(*) FROM vigil_outbox WHERE status = 'DELIVERED'"))
                    .isEqualTo(2L * monitors);
            assertThat(PG.count("SELECT count(*) FROM vigil_transition")).isEqualTo(2L * monitors); // + NO_PUSH_YET->UP
        }
    }

    /**
     * Heartbeats (seed 004) on two instances: created on A, followed by B through the change feed; signals received
     * by either count wherever the heartbeat is evaluated, and a missing one alerts exactly once.
     */
    @Test
    void heartbeatSignalsOnOneInstanceCountWhenTheOtherEvaluates() throws Exception {
        int heartbeats = 40;
        ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
        RecordingNotifier allA = new RecordingNotifier();
        RecordingNotifier allB = new RecordingNotifier();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (JdbcStore storeA = store(PG.newPool(4)); JdbcStore storeB = store(PG.newPool(4));
                Vigil a = Vigil.builder().store(storeA).clock(clock).notifier(allA).build();
                Vigil b = Vigil.builder().store(storeB).clock(clock).notifier(allB).build()) {
            long started = System.nanoTime();
            for (int i = 0; i < heartbeats; i++) {
                a.heartbeats().create(HeartbeatSpec.of(Map.of("connector", "c", "component", "host-" + i), "10s"));
            }
            LOG.info("created {} heartbeats in {} ms", heartbeats, (System.nanoTime() - started) / 1_000_000);
            b.tick(); // B follows A's creations
            LOG.info("B followed in {} ms", (System.nanoTime() - started) / 1_000_000);
            clock.advance(Duration.ofSeconds(5));
            for (int i = 0; i < heartbeats; i++) {
                CheckEvent e = CheckEvent.componentCheck("c", "c-1", "host-" + i, 0);
                if (i % 2 == 0) {
                    b.heartbeats().receive(e); // half the signals reach B
                } else if (i % 4 == 1) {
                    a.heartbeats().receive(e); // a quarter reach A; a quarter reach nobody
                }
            }
            tickBoth(pool, a, b); // each writes the matches it received
            LOG.info("matches written at {} ms", (System.nanoTime() - started) / 1_000_000);
            clock.advance(Duration.ofSeconds(6)); // past the creations' deadline, not the matches'
            tickBoth(pool, a, b);
            LOG.info("evaluated at {} ms", (System.nanoTime() - started) / 1_000_000);
            List<Transition> alerts = new ArrayList<>(allA.transitions());
            alerts.addAll(allB.transitions());
            assertThat(alerts).hasSize(heartbeats / 4).allSatisfy(t -> assertThat(t.to()).isEqualTo("ALERT"));
            assertThat(alerts.stream().map(t -> t.labels().get("component")).distinct().count())
                    .isEqualTo(heartbeats / 4);
            assertThat(alerts).allSatisfy(t -> assertThat(
                    Integer.parseInt(t.labels().get("component").substring(5)) % 4).isEqualTo(3));
            allA.clear();
            allB.clear();
            for (int i = 3; i < heartbeats; i += 4) {
                a.heartbeats().receive(CheckEvent.componentCheck("c", "c-1", "host-" + i, 0));
            }
            tickBoth(pool, a, b);
            List<Transition> resolved = new ArrayList<>(allA.transitions());
            resolved.addAll(allB.transitions());
            assertThat(resolved).hasSize(heartbeats / 4).allSatisfy(t -> assertThat(t.to()).isEqualTo("OK"));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void tickBoth(ExecutorService pool, Vigil a, Vigil b) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Future<TickResult> fa = pool.submit(() -> {
            go.await();
            return a.tick();
        });
        Future<TickResult> fb = pool.submit(() -> {
            go.await();
            return b.tick();
        });
        go.countDown();
        fa.get(2, TimeUnit.MINUTES);
        fb.get(2, TimeUnit.MINUTES);
    }
}
