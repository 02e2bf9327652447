package dev.vigil.benchmarks;

import dev.vigil.Vigil;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.notify.Notification;
import dev.vigil.store.memory.MemoryStore;
import java.time.Duration;
import java.time.InstantSource;

/** Shared set-up for benchmarks, so a new benchmark needs only its own few lines. */
public final class Fixtures {
    public static final Duration INTERVAL = Duration.ofDays(1);
    public static final Duration GRACE = Duration.ofHours(1);

    private Fixtures() {
    }

    /** A Vigil on a fresh memory store that drops notifications (delivery is not what is measured). */
    public static Vigil memoryVigil(InstantSource clock) {
        return Vigil.builder().store(new MemoryStore()).clock(clock).notifier((Notification n) -> { }).build();
    }

    /** The monitor every benchmark uses unless it says otherwise: daily, one hour of grace. */
    public static PushMonitorSpec.Builder dailyJob(String name) {
        return PushMonitorSpec.named(name).expectedInterval(INTERVAL).gracePeriod(GRACE);
    }
}
