package dev.vigil.internal;

import dev.vigil.spi.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that runs one step, then sleeps until the step's next due time (at most {@code maxIdle}),
 * unless {@link #dueAt} reports earlier work. No polling of individual items: the step asks the store for the
 * earliest deadline. When the store is unreachable it backs off (up to 30 s) and resumes by itself.
 */
public final class BackgroundLoop implements Engine.Wakeup, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundLoop.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String name;
    private final InstantSource clock;
    private final Duration maxIdle;
    private final Function<Instant, Optional<Instant>> step;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /** While a step runs this is MAX, so any report wakes the next sleep; while sleeping, the wake time. */
    private volatile Instant plannedWake = Instant.MAX;
    private volatile boolean woken;
    private volatile boolean running;
    private Thread thread;

    /** {@code step} does the work due at the given instant and returns when it is next due, if ever. */
    public BackgroundLoop(String name, InstantSource clock, Duration maxIdle, Function<Instant, Optional<Instant>> step) {
        this.name = name;
        this.clock = clock;
        this.maxIdle = maxIdle;
        this.step = step;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void dueAt(Instant at) {
        if (!woken && at.isBefore(plannedWake)) { // cheap: most pushes move deadlines later and never get here
            signal();
        }
    }

    private void signal() {
        lock.lock();
        try {
            woken = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            t = thread;
        }
        signal();
        try {
            t.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        while (running) {
            Instant now = clock.instant();
            Instant next = now.plus(maxIdle);
            try {
                Optional<Instant> due = step.apply(now);
                if (due.isPresent() && due.get().isBefore(next)) {
                    next = due.get();
                }
                if (!backoff.isZero()) {
                    LOG.info("{}: store reachable again, resuming", name);
                    backoff = Duration.ZERO;
                }
            } catch (StoreUnavailableException e) {
                backoff = backoff.isZero() ? Duration.ofSeconds(1) : min(backoff.multipliedBy(2), MAX_BACKOFF);
                LOG.warn("{}: store unavailable, retrying in {}s: {}", name, backoff.toSeconds(), e.getMessage());
                next = now.plus(backoff);
            } catch (RuntimeException e) {
                LOG.error("{}: evaluation step failed; retrying in 1s", name, e);
                next = now.plusSeconds(1);
            }
            sleepUntil(next);
        }
    }

    private void sleepUntil(Instant next) {
        lock.lock();
        try {
            plannedWake = next;
            long nanos = Duration.between(clock.instant(), next).toNanos();
            while (running && !woken && nanos > 0) {
                nanos = wake.awaitNanos(Math.min(nanos, maxIdle.toNanos()));
            }
            woken = false;
            plannedWake = Instant.MAX;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
