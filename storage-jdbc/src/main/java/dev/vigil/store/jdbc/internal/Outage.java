package dev.vigil.store.jdbc.internal;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Remembers when this instance could not reach the database, so that Vigil's own outage does not mark monitors
 * DOWN. Times are the callers' {@code now} (Vigil's clock), as seen by the last claim before the outage and the
 * first one after it.
 *
 * <p>Policy: deadlines that fell inside the outage {@code (from, to]} are postponed in the deadline index to
 * {@code to + (to - from)}: pushers that got a 503 meanwhile have as long again to push after the database is
 * back. A monitor that still has not pushed by then goes DOWN as usual (its deadline and the reason are
 * unchanged); one that pushes never goes DOWN. Only the index moves, never a monitor's state.
 */
public final class Outage {
    /** A window of unavailability and how long deadlines inside it are held. */
    public record Window(Instant from, Instant to, Instant holdUntil) {
    }

    private @Nullable Instant lastOk;
    private boolean down;
    private @Nullable Instant downFrom;

    /** The database failed to answer. */
    public synchronized void failed() {
        if (!down) {
            down = true;
            downFrom = lastOk;
        }
    }

    public synchronized boolean isDown() {
        return down;
    }

    /**
     * The window to apply when a claim at {@code now} is about to succeed after an outage; null when there was no
     * outage or its start is unknown (nothing claimed before it).
     */
    public synchronized @Nullable Window pending(Instant now) {
        if (!down || downFrom == null || !now.isAfter(downFrom)) {
            return null;
        }
        Duration length = Duration.between(downFrom, now);
        return new Window(downFrom, now, now.plus(length));
    }

    /**
     * Another successful call at {@code now} (e.g. an outbox claim): it moves the last known good time, but only
     * the deadline claim, which applies the window, ends an outage.
     */
    public synchronized void seen(Instant now) {
        if (!down && (lastOk == null || now.isAfter(lastOk))) {
            lastOk = now;
        }
    }

    /** A claim of due monitors at {@code now} succeeded (and the pending window, if any, was applied). */
    public synchronized void ok(Instant now) {
        down = false;
        downFrom = null;
        if (lastOk == null || now.isAfter(lastOk)) {
            lastOk = now;
        }
    }
}
