package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.model.Transition;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.MonitorStatus;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * No false alarms from Vigil's own downtime: a deadline that fell while no instance was evaluating moves to the end
 * of that gap plus the monitor's full period (pushes sent meanwhile were lost); deadlines outside gaps are untouched.
 */
public abstract class DowntimeContractTest extends StoreContract {
    private final ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
    private final RecordingNotifier sent = new RecordingNotifier();

    private Vigil instance() {
        return Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).notifier(sent).build();
    }

    private static PushMonitorSpec.Builder everyMinute(String name) {
        return PushMonitorSpec.named(name).expectedInterval(Duration.ofSeconds(60)).gracePeriod(Duration.ofSeconds(30));
    }

    @Test
    void aRestartPastADeadlineGivesNoDownAtOnceButARealDownOnePeriodLater() {
        CreatedMonitor m;
        try (Vigil before = instance()) {
            before.start();
            m = before.monitors().create(everyMinute("nightly"));
            before.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        }
        Instant lastPush = clock.instant();

        clock.advance(Duration.ofMinutes(30)); // Vigil is down for 30 minutes, far past the 90 s deadline
        try (Vigil after = instance()) {
            after.start(); // finds the old watermark and records the gap before evaluating anything
            after.tick();
            assertThat(after.monitors().get(m.id()).orElseThrow().status()).isEqualTo(MonitorStatus.UP);
            assertThat(after.monitors().get(m.id()).orElseThrow().nextExpectedBy())
                    .isEqualTo(clock.instant().plusSeconds(90));
            assertThat(sent.transitions()).isEmpty();

            clock.advance(Duration.ofSeconds(90));
            after.tick();
            assertThat(after.monitors().get(m.id()).orElseThrow().status()).isEqualTo(MonitorStatus.UP);
            clock.advance(Duration.ofMillis(1));
            after.tick();
            assertThat(after.monitors().get(m.id()).orElseThrow().status()).isEqualTo(MonitorStatus.DOWN);
            // the history, not the notifier: with start() the background loops may be the ones that evaluate and
            // deliver, a moment later than this thread's tick
            assertThat(after.monitors().history(m.id(), 10)).extracting(Transition::to).containsExactly("DOWN", "UP");
            assertThat(after.monitors().history(m.id(), 1).get(0).reason()).contains(lastPush.toString());
        }
    }

    @Test
    void deadlinesOutsideTheGapAreUntouched() {
        CreatedMonitor early;
        CreatedMonitor late;
        try (Vigil before = instance()) {
            before.start();
            early = before.monitors().create(everyMinute("early"));
            before.monitors().push(early.id(), early.secret(), Payload.EMPTY);
            late = before.monitors().create(PushMonitorSpec.named("late").expectedInterval(Duration.ofHours(2)));
            before.monitors().push(late.id(), late.secret(), Payload.EMPTY);
            clock.advance(Duration.ofSeconds(91));
            before.tick(); // the early monitor is missed while Vigil runs: a real DOWN
            assertThat(before.monitors().get(early.id()).orElseThrow().status()).isEqualTo(MonitorStatus.DOWN);
        }
        clock.advance(Duration.ofMinutes(10));
        try (Vigil after = instance()) {
            after.start();
            clock.advance(Duration.ofHours(2));
            after.tick();
            // the late monitor's deadline was after the gap: it goes DOWN on time, not a period later
            assertThat(after.monitors().get(late.id()).orElseThrow().status()).isEqualTo(MonitorStatus.DOWN);
            assertThat(after.monitors().history(early.id(), 10)).extracting(Transition::to)
                    .containsExactly("DOWN", "UP");
            assertThat(after.monitors().history(late.id(), 10)).extracting(Transition::to)
                    .containsExactly("DOWN", "UP");
        }
    }

    @Test
    void aShortRestartIsNoGap() {
        CreatedMonitor m;
        try (Vigil before = instance()) {
            before.start();
            m = before.monitors().create(everyMinute("m"));
            before.monitors().push(m.id(), m.secret(), Payload.EMPTY);
            clock.advance(Duration.ofSeconds(88));
        }
        clock.advance(Duration.ofSeconds(3)); // a quick redeploy across the deadline
        try (Vigil after = instance()) {
            after.start();
            after.tick();
            assertThat(after.monitors().get(m.id()).orElseThrow().status()).isEqualTo(MonitorStatus.DOWN);
        }
    }
}
