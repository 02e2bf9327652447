package dev.vigil.benchmarks;

import dev.vigil.Vigil;
import dev.vigil.internal.PushMonitorLogic;
import dev.vigil.internal.Secrets;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.spi.MonitorState;
import dev.vigil.spi.StoredMonitor;
import dev.vigil.testkit.ManualClock;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Heap per monitor in the memory store: used heap after a full GC with N monitors that were created and pushed
 * once (so each also holds its first transition, NO_PUSH_YET to UP, in its history), minus the heap before,
 * divided by N. Names are {@code monitor-<i>}, secrets are Vigil's (32 random bytes).
 *
 * <p>Baseline, measured in the same JVM: a straightforward store, a {@code ConcurrentHashMap<Long,
 * StoredMonitor>} holding the very records Vigil's SPI passes around (spec, secret hash, state with its
 * {@link Instant}s), with no name index, no deadline index and no history. Rounds alternate baseline and Vigil.
 *
 * <p>Run: {@code java -Xmx4g -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.HeapPerMonitor 1000000 3}
 * (monitors, rounds).
 */
public final class HeapPerMonitor {
    private HeapPerMonitor() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Double> vigil = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            double b = baseline(n);
            double v = vigil(n);
            baseline.add(b);
            vigil.add(v);
            ratios.add(b / v);
            System.out.printf(Locale.ROOT, "round %d: monitors=%d vigil=%.0f B/monitor baseline=%.0f B/monitor"
                    + " baseline/vigil=%.2f%n", r, n, v, b, b / v);
        }
        System.out.printf(Locale.ROOT, "vigil B/monitor: %s%nbaseline B/monitor: %s%nbaseline/vigil: %s%n",
                Stats.of(vigil).format("%.0f"), Stats.of(baseline).format("%.0f"), Stats.of(ratios).format("%.2f"));
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
        double perMonitor = (double) (after - before) / n;
        if (vigil.monitors().get(n).isEmpty()) { // keeps the store reachable until here
            throw new IllegalStateException("monitor " + n + " missing");
        }
        vigil.close();
        return perMonitor;
    }

    static double baseline(int n) throws InterruptedException {
        long before = usedAfterGc();
        ConcurrentHashMap<Long, StoredMonitor> map = new ConcurrentHashMap<>();
        PushMonitorSpec.Builder template = Fixtures.dailyJob("x");
        Instant now = Instant.parse("2025-01-15T12:00:00Z");
        for (int i = 0; i < n; i++) {
            PushMonitorSpec spec = template.name("monitor-" + i).build();
            long id = i + 1;
            MonitorState pushed = PushMonitorLogic.onPush(spec, PushMonitorLogic.initial(spec, now), null, null, now)
                    .state();
            map.put(id, new StoredMonitor(id, 2, spec, Secrets.hash(Secrets.generate()), pushed, now));
        }
        long after = usedAfterGc();
        double perMonitor = (double) (after - before) / n;
        if (map.size() != n) {
            throw new IllegalStateException("size " + map.size());
        }
        return perMonitor;
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200); // lets the collector finish; this is a measurement tool, not a test
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
