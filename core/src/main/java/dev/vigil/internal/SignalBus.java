package dev.vigil.internal;

import dev.vigil.model.Signal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every accepted input, as a {@link Signal}, to in-process subscribers: on the ingest thread, after its
 * write committed, always. A subscriber's exception is logged and never reaches the caller.
 */
public final class SignalBus {
    private static final Logger LOG = LoggerFactory.getLogger(SignalBus.class);
    private final List<Consumer<Signal>> subscribers = new CopyOnWriteArrayList<>();
    private final List<BooleanSupplier> interests = new CopyOnWriteArrayList<>();

    public SignalBus(List<Consumer<Signal>> initial) {
        subscribers.addAll(initial);
        initial.forEach(s -> interests.add(() -> true));
    }

    /**
     * Adds a subscriber (e.g. heartbeat matching). It runs on the ingest thread, so it must be fast and must never
     * wait for the store. {@code interested} tells whether it wants signals now (e.g. only while heartbeats exist),
     * so that nobody pays for building signals no one reads.
     */
    public void subscribe(Consumer<Signal> subscriber, BooleanSupplier interested) {
        interests.add(interested);
        subscribers.add(subscriber);
    }

    /** Publishes the signal {@code make} builds, building it only when a subscriber wants it. */
    public void publish(Supplier<Signal> make) {
        for (BooleanSupplier i : interests) {
            if (i.getAsBoolean()) {
                publish(make.get());
                return;
            }
        }
    }

    public void publish(Signal signal) {
        for (Consumer<Signal> s : subscribers) {
            try {
                s.accept(signal);
            } catch (RuntimeException e) { // a subscriber's bug must not fail an input that is already recorded
                LOG.warn("A signal subscriber failed on a {} signal", signal.source(), e);
            }
        }
    }
}
