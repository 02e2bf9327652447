package dev.vigil.internal;

import dev.vigil.model.Signal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    public SignalBus(List<Consumer<Signal>> initial) {
        subscribers.addAll(initial);
    }

    /** Publishes the signal {@code make} builds, building it only when someone subscribes. */
    public void publish(Supplier<Signal> make) {
        if (!subscribers.isEmpty()) {
            publish(make.get());
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
