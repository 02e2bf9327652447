package dev.vigil.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.monitor.AlertOn;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.service.HealthReport;
import dev.vigil.spi.StoreUnavailableException;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.testkit.FaultyStore;
import dev.vigil.testkit.ManualClock;
import dev.vigil.testkit.RecordingNotifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Meter values after a scripted sequence of pushes, reports, ticks, deliveries and store failures. */
class VigilMetricsTest {
    private final ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
    private final RecordingNotifier sent = new RecordingNotifier();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final FaultyStore store = new FaultyStore(new MemoryStore());
    private Vigil vigil;

    @BeforeEach
    void build() {
        vigil = Vigil.builder().store(store).clock(clock).notifier(sent).listener(new VigilMetrics(registry))
                .deliveryRetries(3, Duration.ofSeconds(10), Duration.ofMinutes(1)).build();
        new VigilOutboxMetrics(vigil).bindTo(registry);
    }

    @AfterEach
    void close() {
        store.mode(FaultyStore.Mode.OK);
        vigil.close();
    }

    private double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    private CreatedMonitor hourly() {
        return vigil.monitors().create(PushMonitorSpec.named("Hourly job").expectedInterval(Duration.ofHours(1))
                .gracePeriod(Duration.ZERO).alertOn(AlertOn.DOWN, AlertOn.UP));
    }

    @Test
    void pushesAreCountedByResult() {
        CreatedMonitor m = hourly();
        vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        vigil.monitors().push(m.id(), "not-the-secret-0123456789", Payload.EMPTY);
        vigil.monitors().push(m.id() + 1000, m.secret(), Payload.EMPTY);

        assertThat(count("vigil.pushes", "kind", "push_monitor", "result", "accepted")).isEqualTo(2);
        assertThat(count("vigil.pushes", "kind", "push_monitor", "result", "invalid_secret")).isEqualTo(1);
        assertThat(count("vigil.pushes", "kind", "push_monitor", "result", "not_found")).isEqualTo(1);
        // no tag carries a subject's name, key or secret
        registry.getMeters().forEach(meter -> meter.getId().getTags().forEach(t ->
                assertThat(t.getValue()).doesNotContain("Hourly").doesNotContain(m.secret())
                        .isNotEqualTo(Long.toString(m.id()))));
    }

    @Test
    void reportsAreCountedByKind() {
        vigil.services().report(HealthReport.of("myorg/infra/prod/baremetal/galera-node1", "OPERATIONAL"));
        vigil.services().report(HealthReport.of("myorg/infra/prod/baremetal/galera-node1", "DOWN"));

        assertThat(count("vigil.reports", "kind", "health", "result", "accepted")).isEqualTo(2);
        assertThat(count("vigil.transitions", "kind", "service", "severity", "critical")).isEqualTo(1);
    }

    @Test
    void aLateMonitorIsOneCriticalTransitionAndOneTickThatClaimedIt() {
        CreatedMonitor m = hourly();
        vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        double before = registry.find("vigil.transitions").counters().stream().mapToDouble(Counter::count).sum();
        long ticks = registry.get("vigil.tick").timer().count();

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        vigil.tick();

        assertThat(count("vigil.transitions", "kind", "push_monitor", "severity", "critical")).isEqualTo(1);
        assertThat(registry.find("vigil.transitions").counters().stream().mapToDouble(Counter::count).sum())
                .isEqualTo(before + 1);
        assertThat(registry.get("vigil.tick").timer().count()).isEqualTo(ticks + 1);
        assertThat(registry.get("vigil.tick.claimed").summary().totalAmount()).isEqualTo(1);
        assertThat(registry.get("vigil.tick.claimed").summary().count()).isEqualTo(ticks + 1);
    }

    @Test
    void deliveriesAreTimedByChannelTypeAndOutcome() {
        CreatedMonitor m = hourly();
        vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        sent.failNext(1);
        vigil.monitors().push(m.id(), m.secret(), Payload.status("error")); // DOWN: one notification
        vigil.tick();                                                      // its first attempt fails
        clock.advance(Duration.ofSeconds(13));
        vigil.tick();                                                      // the retry gets through

        Timer retried = registry.get("vigil.delivery").tag("channel.type", "custom").tag("outcome", "retry").timer();
        Timer delivered = registry.get("vigil.delivery").tag("channel.type", "custom").tag("outcome", "delivered")
                .timer();
        assertThat(retried.count()).isEqualTo(1);
        assertThat(delivered.count()).isEqualTo(1);
        assertThat(sent.transitions()).hasSize(1);

        sent.failNext(100);
        vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY); // UP: three attempts, then FAILED
        for (int i = 0; i < 3; i++) {
            vigil.tick();
            clock.advance(Duration.ofMinutes(2));
        }
        assertThat(registry.get("vigil.delivery").tag("outcome", "failed").timer().count()).isEqualTo(1);
        assertThat(registry.get("vigil.delivery").tag("outcome", "retry").timer().count()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(15));
        assertThat(registry.get("vigil.outbox.failed").gauge().value()).isEqualTo(1);
    }

    @Test
    void storeErrorsAreCountedWhereVigilMeetsThem() {
        CreatedMonitor m = hourly();
        store.mode(FaultyStore.Mode.UNAVAILABLE);

        assertThatThrownBy(() -> vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> vigil.tick()).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> vigil.services().report(HealthReport.of("a/b/c/d/e", "OPERATIONAL")))
                .isInstanceOf(StoreUnavailableException.class);

        assertThat(count("vigil.pushes", "kind", "push_monitor", "result", "unavailable")).isEqualTo(1);
        assertThat(count("vigil.reports", "kind", "health", "result", "unavailable")).isEqualTo(1);
        assertThat(count("vigil.store.errors", "operation", "push", "exception", "StoreUnavailableException"))
                .isEqualTo(1);
        assertThat(count("vigil.store.errors", "operation", "evaluate", "exception", "StoreUnavailableException"))
                .isEqualTo(1);
        assertThat(count("vigil.store.errors", "operation", "report", "exception", "StoreUnavailableException"))
                .isEqualTo(1);
    }

    @Test
    void outboxGaugesReadTheStoreAtMostOncePerRefresh() {
        CreatedMonitor m = hourly();
        vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        assertThat(registry.get("vigil.outbox.pending").gauge().value()).isZero();
        assertThat(registry.get("vigil.outbox.failed").gauge().value()).isZero();

        vigil.monitors().push(m.id(), m.secret(), Payload.status("error")); // DOWN: one notification to deliver
        assertThat(vigil.notifications().count(dev.vigil.spi.OutboxStatus.PENDING)).isEqualTo(1);
        assertThat(registry.get("vigil.outbox.pending").gauge().value()).as("cached for 15 s").isZero();

        clock.advance(Duration.ofSeconds(15));
        assertThat(registry.get("vigil.outbox.pending").gauge().value()).isEqualTo(1);

        store.mode(FaultyStore.Mode.UNAVAILABLE);
        clock.advance(Duration.ofSeconds(15));
        assertThat(registry.get("vigil.outbox.pending").gauge().value()).isNaN();
    }

    @Test
    void extraTagsAreOnEveryMeter() {
        MeterRegistry own = new SimpleMeterRegistry();
        try (Vigil tagged = Vigil.builder().store(new MemoryStore()).clock(clock)
                .listener(new VigilMetrics(own, Tags.of("instance", "a"))).build()) {
            new VigilOutboxMetrics(tagged, Duration.ofSeconds(5), Tags.of("instance", "a")).bindTo(own);
            tagged.tick();
            assertThat(own.getMeters()).isNotEmpty().allSatisfy(meter ->
                    assertThat(meter.getId().getTag("instance")).isEqualTo("a"));
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new VigilOutboxMetrics(vigil, Duration.ofMillis(10), Tags.empty()))
                .hasMessageContaining("refresh must be at least 1s");
    }
}
