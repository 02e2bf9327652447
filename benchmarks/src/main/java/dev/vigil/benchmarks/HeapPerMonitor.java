package dev.vigil.benchmarks;

import dev.vigil.Vigil;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.testkit.ManualClock;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Heap per push monitor in the memory store (target: at most 1 KB): used heap after a full GC with N monitors that
 * were created and pushed once (so each also holds its first transition, NO_PUSH_YET to UP, in its history and in
 * the change feed), minus the heap before, divided by N. Names are {@code monitor-<i>}, secrets are Vigil's (32
 * random bytes). The memory store keeps each subject's spec and state as the kind's JSON text, in plain JDK
 * collections: it is the readable reference store, so this is a bound to hold, not a race to win.
 *
 * <p>Run: {@code java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.HeapPerMonitor 100000 3}
 * (monitors, rounds).
 */
public final class HeapPerMonitor {
    private HeapPerMonitor() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Double> perMonitor = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            double v = vigil(n);
            perMonitor.add(v);
            System.out.printf(Locale.ROOT, "round %d: monitors=%d heap=%.0f B/monitor%n", r, n, v);
        }
        System.out.printf(Locale.ROOT, "heap B/monitor: %s%n", Stats.of(perMonitor).format("%.0f"));
    }

    static double vigil(int n) throws InterruptedException {
        long before = usedAfterGc();
        ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
        Vigil vigil = Fixtures.memoryVigil(clock);
        PushMonitorSpec.Builder template = Fixtures.dailyJob("x");
        for (int i = 0; i < n; i++) {
            CreatedMonitor m = vigil.monitors().create(template.name("monitor-" + i).build());
            vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        }
        long after = usedAfterGc();
        double result = (double) (after - before) / n;
        if (vigil.monitors().get(n).isEmpty()) { // keeps the store reachable until here
            throw new IllegalStateException("monitor " + n + " missing");
        }
        vigil.close();
        return result;
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200); // lets the collector finish; this is a measurement tool, not a test
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
