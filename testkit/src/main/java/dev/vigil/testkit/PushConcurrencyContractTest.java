package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Status;
import dev.vigil.Vigil;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.MonitorStatus;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.monitor.PushResult;
import dev.vigil.model.Transition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

/**
 * Real threads pushing to the same and different monitors while another thread moves the clock and runs the
 * evaluator: no push is lost, and every monitor's history is one unbroken chain of transitions (a duplicated or
 * missed transition would break it), each notified exactly once.
 */
public abstract class PushConcurrencyContractTest extends StoreContract {

    /** Pushes per pusher thread; stores may lower it to keep the suite fast. */
    protected int pushesPerThread() {
        return 1000;
    }

    @Test
    void racingPushesAndEvaluationLoseNothingAndDuplicateNothing() throws Exception {
        ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
        RecordingNotifier sent = new RecordingNotifier();
        int monitorCount = 6;
        int threads = 4;
        try (Vigil vigil = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).notifier(sent).build()) {
            List<CreatedMonitor> monitors = new ArrayList<>();
            for (int i = 0; i < monitorCount; i++) {
                monitors.add(vigil.monitors().create(PushMonitorSpec.named("m" + i)
                        .expectedInterval(Duration.ofSeconds(5))));
            }
            AtomicLongArray accepted = new AtomicLongArray(monitorCount);
            AtomicBoolean pushing = new AtomicBoolean(true);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
            List<Future<?>> pushers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                pushers.add(pool.submit(() -> {
                    start.await();
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    for (int i = 0; i < pushesPerThread(); i++) {
                        int k = r.nextInt(monitorCount);
                        Payload p = r.nextInt(4) == 0 ? Payload.status("error") : Payload.EMPTY;
                        PushResult result = vigil.monitors().push(monitors.get(k).id(), monitors.get(k).secret(), p);
                        assertThat(result.isAccepted()).isTrue();
                        accepted.incrementAndGet(k);
                    }
                    return null;
                }));
            }
            Future<?> evaluator = pool.submit(() -> {
                start.await();
                while (pushing.get()) {
                    clock.advance(Duration.ofSeconds(3));
                    vigil.tick();
                }
                return null;
            });
            start.countDown();
            for (Future<?> f : pushers) {
                f.get(5, TimeUnit.MINUTES);
            }
            pushing.set(false);
            evaluator.get(1, TimeUnit.MINUTES);
            pool.shutdown();
            clock.advance(Duration.ofMinutes(1));
            vigil.tick();
            vigil.tick();

            int notified = 0;
            for (int k = 0; k < monitorCount; k++) {
                long id = monitors.get(k).id();
                assertThat(vigil.monitors().get(id).orElseThrow().pushCount()).as("pushes to m%d", k)
                        .isEqualTo(accepted.get(k));
                List<Transition> history = new ArrayList<>(vigil.monitors().history(id, 1000));
                assertThat(history).hasSizeLessThan(1000);
                Collections.reverse(history);
                String previous = MonitorStatus.NO_PUSH_YET.name();
                for (Transition tr : history) {
                    assertThat(tr.from()).as("chain of m%d", k).isEqualTo(previous);
                    assertThat(tr.to()).isNotEqualTo(tr.from());
                    previous = tr.to();
                    notified += tr.notified() ? 1 : 0;
                }
                assertThat(vigil.monitors().get(id).orElseThrow().status().name()).isEqualTo(previous).isEqualTo("DOWN");
            }
            assertThat(sent.transitions()).hasSize(notified);
            assertThat(sent.deliveries()).hasSize(notified);
        }
    }

    @Test
    void manyThreadsOnOneMonitorCountEveryPush() throws Exception {
        ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
        try (Vigil vigil = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock)
                .notifier(new RecordingNotifier()).build()) {
            CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("hot").expectedInterval(Duration.ofHours(1)));
            int threads = 4;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                all.add(pool.submit(() -> {
                    for (int i = 0; i < pushesPerThread(); i++) {
                        assertThat(vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY).isAccepted()).isTrue();
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertThat(vigil.monitors().get(m.id()).orElseThrow().pushCount()).isEqualTo((long) threads * pushesPerThread());
            assertThat(vigil.monitors().history(m.id(), 10)).extracting(Transition::to).containsExactly("UP");
        }
    }
}
