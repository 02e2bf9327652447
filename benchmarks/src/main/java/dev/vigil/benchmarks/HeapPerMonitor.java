package dev.vigil.benchmarks;

import dev.vigil.Vigil;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.testkit.ManualClock;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Heap per monitor in the memory store: used heap after a full GC with N pushed monitors, minus before, divided by N.
 * Run: {@code java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.HeapPerMonitor 1000000}.
 */
public final class HeapPerMonitor {
    private HeapPerMonitor() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
        MemoryStore store = new MemoryStore();
        Vigil vigil = Vigil.builder().store(store).clock(clock).notifier(x -> { }).build();
        PushMonitorSpec.Builder template = PushMonitorSpec.named("x").expectedInterval(Duration.ofDays(1))
                .gracePeriod(Duration.ofHours(1));
        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            CreatedMonitor m = vigil.monitors().create(template.name("monitor-" + i).build());
            vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        }
        long after = usedAfterGc();
        System.out.printf("monitors=%d heap_delta=%d MiB bytes_per_monitor=%d%n", n, (after - before) >> 20,
                (after - before) / n);
        vigil.close();
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200); // lets the collector finish; this is a measurement tool, not a test
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
