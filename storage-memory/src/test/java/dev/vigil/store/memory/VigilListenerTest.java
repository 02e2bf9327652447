package dev.vigil.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.model.Decision;
import dev.vigil.model.Severity;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.monitor.PushResult;
import dev.vigil.observe.DeliveryEvent;
import dev.vigil.observe.InputEvent;
import dev.vigil.observe.TickEvent;
import dev.vigil.observe.TransitionEvent;
import dev.vigil.observe.VigilListener;
import dev.vigil.testkit.ManualClock;
import dev.vigil.testkit.RecordingNotifier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The listener SPI: what listeners hear, in order, and that a failing listener changes nothing. */
class VigilListenerTest {
    private final ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");

    /** Records every event. */
    static final class Recorder implements VigilListener {
        final List<Object> events = new CopyOnWriteArrayList<>();

        @Override
        public void onInput(InputEvent e) {
            events.add(e);
        }

        @Override
        public void onTransition(TransitionEvent e) {
            events.add(e);
        }

        @Override
        public void onDelivery(DeliveryEvent e) {
            events.add(e);
        }

        @Override
        public void onTick(TickEvent e) {
            events.add(e);
        }
    }

    /** Throws from every method. */
    static final class Broken implements VigilListener {
        @Override
        public void onInput(InputEvent e) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void onTransition(TransitionEvent e) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void onDelivery(DeliveryEvent e) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void onTick(TickEvent e) {
            throw new IllegalStateException("listener bug");
        }
    }

    @Test
    void listenersHearInputsTransitionsDeliveriesAndTicksAndABrokenOneChangesNothing() {
        Recorder heard = new Recorder();
        RecordingNotifier sent = new RecordingNotifier();
        try (Vigil vigil = Vigil.builder().store(new MemoryStore()).clock(clock).notifier(sent)
                .listener(new Broken()).listener(heard).build()) {
            CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("Job")
                    .expectedInterval(Duration.ofHours(1)));
            assertThat(vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY).outcome())
                    .isEqualTo(PushResult.Outcome.ACCEPTED);
            assertThat(vigil.monitors().push(m.id(), m.secret(), Payload.status("error")).outcome())
                    .isEqualTo(PushResult.Outcome.ACCEPTED);
            vigil.tick();

            assertThat(sent.transitions()).hasSize(1); // the broken listener did not stop the delivery
            assertThat(heard.events).filteredOn(InputEvent.class::isInstance).containsExactly(
                    new InputEvent(InputEvent.Input.PUSH, "push_monitor", InputEvent.Result.ACCEPTED),
                    new InputEvent(InputEvent.Input.PUSH, "push_monitor", InputEvent.Result.ACCEPTED));
            assertThat(heard.events).filteredOn(TransitionEvent.class::isInstance).last()
                    .isEqualTo(new TransitionEvent("push_monitor", dev.vigil.model.TransitionType.CHANGE,
                            Severity.CRITICAL, Decision.SENT));
            assertThat(heard.events).filteredOn(DeliveryEvent.class::isInstance).singleElement()
                    .satisfies(e -> {
                        DeliveryEvent d = (DeliveryEvent) e;
                        assertThat(d.channelType()).isEqualTo("custom");
                        assertThat(d.outcome()).isEqualTo(DeliveryEvent.Outcome.DELIVERED);
                        assertThat(d.attempt()).isEqualTo(1);
                        assertThat(d.duration().isNegative()).isFalse();
                    });
            assertThat(heard.events).filteredOn(TickEvent.class::isInstance).singleElement()
                    .isEqualTo(new TickEvent(((TickEvent) heard.events.stream().filter(TickEvent.class::isInstance)
                            .findFirst().orElseThrow()).duration(), 0, 0));
        }
    }

    @Test
    void configChannelsAreNamedByTheirType() {
        Recorder heard = new Recorder();
        try (Vigil vigil = Vigil.builder().store(new MemoryStore()).clock(clock).listener(heard).build()) {
            CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("Job")
                    .expectedInterval(Duration.ofHours(1)));
            vigil.monitors().push(m.id(), m.secret(), Payload.status("error"));
            vigil.tick();
            // the default notifier is Vigil's logging one
            assertThat(heard.events).filteredOn(DeliveryEvent.class::isInstance)
                    .extracting(e -> ((DeliveryEvent) e).channelType()).containsExactly("log");
        }
    }
}
