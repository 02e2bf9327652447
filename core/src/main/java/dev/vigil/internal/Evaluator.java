package dev.vigil.internal;

import dev.vigil.spi.StoredMonitor;
import dev.vigil.spi.VigilStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One evaluation pass: claim what is due, evaluate it, write the result. Costs O(due), never O(all). */
public final class Evaluator {
    private final VigilStore store;
    private final PushMonitorService monitors;
    private final int batchSize;
    private final Duration lease;

    public Evaluator(VigilStore store, PushMonitorService monitors, int batchSize, Duration lease) {
        this.store = store;
        this.monitors = monitors;
        this.batchSize = batchSize;
        this.lease = lease;
    }

    /** Evaluates everything due at {@code now}; returns the number of transitions written. */
    public int evaluateDue(Instant now) {
        int transitions = 0;
        while (true) {
            List<StoredMonitor> due = store.monitors().claimDue(now, lease, batchSize);
            for (StoredMonitor m : due) {
                transitions += monitors.evaluate(m, now);
            }
            if (due.size() < batchSize) {
                return transitions;
            }
        }
    }
}
