package dev.vigil.micrometer;

import dev.vigil.observe.DeliveryEvent;
import dev.vigil.observe.InputEvent;
import dev.vigil.observe.StoreErrorEvent;
import dev.vigil.observe.TickEvent;
import dev.vigil.observe.TransitionEvent;
import dev.vigil.observe.VigilListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Turns Vigil's events into Micrometer meters. Register it when building Vigil:
 *
 * <pre>{@code
 * Vigil vigil = Vigil.builder().store(store).listener(new VigilMetrics(registry)).build();
 * new VigilOutboxMetrics(vigil).bindTo(registry);   // the outbox gauges
 * }</pre>
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>tags</th></tr>
 * <tr><td>{@code vigil.pushes}</td><td>counter</td><td>{@code kind}, {@code result}</td></tr>
 * <tr><td>{@code vigil.reports}</td><td>counter</td><td>{@code kind} (health, storage, backup), {@code result}</td></tr>
 * <tr><td>{@code vigil.transitions}</td><td>counter</td><td>{@code kind}, {@code severity}</td></tr>
 * <tr><td>{@code vigil.delivery}</td><td>timer</td><td>{@code channel.type}, {@code outcome}</td></tr>
 * <tr><td>{@code vigil.tick}</td><td>timer</td><td></td></tr>
 * <tr><td>{@code vigil.tick.claimed}</td><td>distribution summary</td><td></td></tr>
 * <tr><td>{@code vigil.store.errors}</td><td>counter</td><td>{@code operation}, {@code exception}</td></tr>
 * </table>
 *
 * Meters are created on first use and kept (one lookup per event). Thread-safe.
 */
public final class VigilMetrics implements VigilListener {
    private final MeterRegistry registry;
    private final Tags common;
    private final ConcurrentMap<Key, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<Key, Timer> deliveries = new ConcurrentHashMap<>();
    private final Timer tick;
    private final DistributionSummary claimed;

    /** Meters in {@code registry}, with no extra tags. */
    public VigilMetrics(MeterRegistry registry) {
        this(registry, Tags.empty());
    }

    /** Meters in {@code registry}, each with {@code tags} too (e.g. {@code instance}, when one registry serves several Vigils). */
    public VigilMetrics(MeterRegistry registry, Iterable<Tag> tags) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.common = Tags.of(Objects.requireNonNull(tags, "tags"));
        this.tick = Timer.builder("vigil.tick").description("Evaluation passes: claim what is due, evaluate, write")
                .tags(common).register(registry);
        this.claimed = DistributionSummary.builder("vigil.tick.claimed")
                .description("Due subjects claimed per evaluation pass").baseUnit("subjects").tags(common)
                .register(registry);
    }

    /** What a cached meter is for: its name and two tag values. */
    private record Key(String name, String a, String b) {
    }

    private Counter counter(String name, String description, String tagA, String a, String tagB, String b) {
        return counters.computeIfAbsent(new Key(name, a, b), k -> Counter.builder(name).description(description)
                .tags(common).tag(tagA, a).tag(tagB, b).register(registry));
    }

    @Override
    public void onInput(InputEvent e) {
        if (e.input() == InputEvent.Input.PUSH) {
            counter("vigil.pushes", "Pushes received, by result", "kind", e.kind(), "result", e.result().tagValue())
                    .increment();
        } else {
            counter("vigil.reports", "Reports received, by kind and result", "kind", e.kind(), "result",
                    e.result().tagValue()).increment();
        }
    }

    @Override
    public void onTransition(TransitionEvent e) {
        counter("vigil.transitions", "Transitions committed, by subject kind and severity", "kind", e.kind(),
                "severity", e.severity().wireName()).increment();
    }

    @Override
    public void onDelivery(DeliveryEvent e) {
        deliveries.computeIfAbsent(new Key("vigil.delivery", e.channelType(), e.outcome().tagValue()),
                k -> Timer.builder("vigil.delivery").description("Notification delivery attempts, by channel type and"
                        + " outcome").tags(common).tag("channel.type", k.a()).tag("outcome", k.b()).register(registry))
                .record(e.duration());
    }

    @Override
    public void onTick(TickEvent e) {
        tick.record(e.duration());
        claimed.record(e.claimed());
    }

    @Override
    public void onStoreError(StoreErrorEvent e) {
        counter("vigil.store.errors", "Operations the store could not serve", "operation", e.operation().tagValue(),
                "exception", e.error()).increment();
    }

    @Override
    public String toString() {
        return "VigilMetrics[" + registry.getClass().getSimpleName() + "]";
    }
}
