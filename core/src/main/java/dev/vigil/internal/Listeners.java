package dev.vigil.internal;

import dev.vigil.model.Transition;
import dev.vigil.observe.DeliveryEvent;
import dev.vigil.observe.InputEvent;
import dev.vigil.observe.StoreErrorEvent;
import dev.vigil.observe.TickEvent;
import dev.vigil.observe.TransitionEvent;
import dev.vigil.observe.VigilListener;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import dev.vigil.spi.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's {@link VigilListener}s as one: each call reaches every listener, and a listener's exception is logged
 * (a repeated one at most once a minute) and goes no further. With no listener every call is a field read.
 */
public final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
    /** No listener: what tests and hosts that observe nothing get. */
    public static final Listeners NONE = new Listeners(List.of(), InstantSource.system());

    private final List<VigilListener> listeners;
    private final boolean active;
    private final LogLimiter errorLog;

    public Listeners(List<VigilListener> listeners, InstantSource clock) {
        this.listeners = List.copyOf(listeners);
        this.active = !this.listeners.isEmpty();
        this.errorLog = new LogLimiter(Duration.ofMinutes(1), clock);
    }

    /** Whether anyone listens: callers skip measuring durations otherwise. */
    public boolean active() {
        return active;
    }

    /**
     * A monotonic reading for measuring how long something took; durations are what listeners see, never instants,
     * so the injected clock (which decides what is due) stays out of it. 0 when nobody listens.
     */
    public long startTimer() {
        return active ? System.nanoTime() : 0;
    }

    /** The time since {@link #startTimer()}. */
    public Duration since(long start) {
        return active ? Duration.ofNanos(Math.max(0, System.nanoTime() - start)) : Duration.ZERO;
    }

    /**
     * Runs an input (a push, a report) and reports how it ended: {@code result} of what it returned, or the refusal
     * its exception means (the exception is rethrown).
     */
    public <T> T input(InputEvent.Input input, String kind, Supplier<T> call, Function<T, InputEvent.Result> result) {
        if (!active) {
            return call.get();
        }
        T r;
        try {
            r = call.get();
        } catch (StoreUnavailableException e) {
            input(input, kind, InputEvent.Result.UNAVAILABLE);
            storeError(input == InputEvent.Input.PUSH ? StoreErrorEvent.Operation.PUSH
                    : StoreErrorEvent.Operation.REPORT, e);
            throw e;
        } catch (IllegalArgumentException e) {
            input(input, kind, InputEvent.Result.INVALID);
            throw e;
        } catch (RuntimeException | Error e) {
            input(input, kind, InputEvent.Result.ERROR);
            throw e;
        }
        input(input, kind, result.apply(r));
        return r;
    }

    public void input(InputEvent.Input input, String kind, InputEvent.Result result) {
        if (active) {
            InputEvent e = new InputEvent(input, kind, result);
            each("onInput", l -> l.onInput(e));
        }
    }

    /** Each of the transitions, once committed. */
    public void transitions(List<Transition> transitions) {
        if (active) {
            for (Transition t : transitions) {
                TransitionEvent e = new TransitionEvent(t.kind(), t.type(), t.severity(), t.decision());
                each("onTransition", l -> l.onTransition(e));
            }
        }
    }

    /** A delivery attempt being timed; {@link #end} reports it. */
    public final class Attempt {
        private final String channelType;
        private final int attempt;
        private final long started = startTimer();

        private Attempt(String channelType, int attempt) {
            this.channelType = channelType;
            this.attempt = attempt;
        }

        public void end(DeliveryEvent.Outcome outcome) {
            delivery(channelType, outcome, since(started), attempt);
        }
    }

    /** Starts timing attempt number {@code attempt} on a channel of the given type. */
    public Attempt attempt(String channelType, int attempt) {
        return new Attempt(channelType, attempt);
    }

    public void delivery(String channelType, DeliveryEvent.Outcome outcome, Duration duration, int attempt) {
        if (active) {
            DeliveryEvent e = new DeliveryEvent(channelType, outcome, duration, attempt);
            each("onDelivery", l -> l.onDelivery(e));
        }
    }

    public void tick(Duration duration, int claimed, int transitions) {
        if (active) {
            TickEvent e = new TickEvent(duration, claimed, transitions);
            each("onTick", l -> l.onTick(e));
        }
    }

    public void storeError(StoreErrorEvent.Operation operation, Throwable error) {
        if (active) {
            StoreErrorEvent e = new StoreErrorEvent(operation, error.getClass().getSimpleName());
            each("onStoreError", l -> l.onStoreError(e));
        }
    }

    private void each(String method, Consumer<VigilListener> call) {
        for (VigilListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) { // a listener's bug must never fail what it observes
                String key = l.getClass().getName() + "." + method + ":" + e.getClass().getName();
                LogLimiter.Decision d = errorLog.check(key);
                if (d.verdict() == LogLimiter.Verdict.FULL) {
                    LOG.warn("Listener {} failed in {}; ignored", l.getClass().getName(), method, e);
                } else if (d.verdict() == LogLimiter.Verdict.SUMMARY) {
                    LOG.warn("Listener {} failed in {} again ({} more times since the last report): {}",
                            l.getClass().getName(), method, d.suppressed() + 1, e.toString());
                }
            }
        }
    }
}
