package dev.vigil.store.memory;

import dev.vigil.spi.MonitorStore;
import dev.vigil.spi.OutboxStore;
import dev.vigil.spi.SilenceStore;
import dev.vigil.spi.TransitionLog;
import dev.vigil.spi.VigilStore;

/**
 * A fast, thread-safe store that keeps everything in this process's memory: for tests, for host applications'
 * own unit tests, and for single-process setups where losing state on restart is fine. A push monitor costs
 * about 280 bytes of heap (a compact record; see {@code benchmarks/README.md}); updates are per-monitor
 * compare-and-set; the deadline index is updated lazily, so a push that only moves its deadline later never
 * touches it.
 */
public final class MemoryStore implements VigilStore {
    /** Transitions kept per subject; older ones are dropped. */
    public static final int HISTORY_PER_SUBJECT = 1000;
    /** Delivered notifications kept for {@code notifications().list()}; older ones are dropped. */
    public static final int DELIVERED_NOTIFICATIONS_KEPT = 10_000;

    private final MemoryTransitionLog otherTransitions = new MemoryTransitionLog(HISTORY_PER_SUBJECT);
    private final MemoryOutboxStore outbox = new MemoryOutboxStore(DELIVERED_NOTIFICATIONS_KEPT);
    private final MemoryMonitorStore monitors = new MemoryMonitorStore(otherTransitions, outbox,
            HISTORY_PER_SUBJECT);
    private final MemoryTransitions transitions = new MemoryTransitions(monitors, otherTransitions);
    private final MemorySilenceStore silences = new MemorySilenceStore();

    @Override
    public MonitorStore monitors() {
        return monitors;
    }

    @Override
    public OutboxStore outbox() {
        return outbox;
    }

    @Override
    public TransitionLog transitions() {
        return transitions;
    }

    @Override
    public SilenceStore silences() {
        return silences;
    }

    @Override
    public void checkAvailable() {
        // always available
    }
}
