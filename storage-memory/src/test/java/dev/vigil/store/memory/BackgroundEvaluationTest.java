package dev.vigil.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.MonitorStatus;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.notify.Notification;
import dev.vigil.testkit.ManualClock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** start() runs the evaluator and dispatcher on their own threads; close() stops them. */
class BackgroundEvaluationTest {

    @Test
    void theBackgroundThreadsEvaluateAndDeliverWithoutTick() throws Exception {
        ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
        BlockingQueue<Notification> delivered = new LinkedBlockingQueue<>();
        Vigil vigil = Vigil.builder().store(new MemoryStore()).clock(clock).notifier(delivered::add)
                .maxIdle(Duration.ofMillis(20)).build();
        CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("job").expectedInterval(Duration.ofMinutes(1)));
        vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        vigil.start();

        clock.advance(Duration.ofMinutes(2));
        Notification down = delivered.poll(10, TimeUnit.SECONDS); // waits for the delivery, not for a fixed time
        assertThat(down).isNotNull();
        assertThat(down.transition().to()).isEqualTo("DOWN");

        vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        Notification up = delivered.poll(10, TimeUnit.SECONDS);
        assertThat(up).isNotNull();
        assertThat(up.transition().to()).isEqualTo("UP");

        vigil.close();
        assertThat(threadNames()).doesNotContain("vigil-evaluator", "vigil-dispatcher");
        assertThat(delivered).isEmpty();
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(java.util.stream.Collectors.toSet());
    }
}
