package dev.vigil.benchmarks;

import dev.vigil.TickResult;
import dev.vigil.Vigil;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.MonitorStatus;
import dev.vigil.monitor.Payload;
import dev.vigil.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One evaluator tick ({@code vigil.tick()}) over the memory store with N monitors, against the baseline a
 * straightforward evaluator would be: scan every monitor's record in a ConcurrentHashMap and look at its
 * deadline, O(N) per tick. {@code NothingDue}: no deadline has passed (Vigil's cost must not depend on N).
 * {@code OnePercentDue}: 1 % of the monitors are overdue and go DOWN (Vigil's cost grows with the due count
 * only; the baseline also writes a DOWN record for each). Re-arming the due monitors is not measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@State(Scope.Benchmark)
public class TickBenchmark {
    @Param({"10000", "100000", "1000000"})
    public int monitors;

    /** What the baseline evaluator keeps per monitor. */
    record Deadline(long id, MonitorStatus status, Instant expectedBy) {
    }

    private ManualClock clock;
    private Vigil vigil;
    private long[] dueIds;
    private String[] dueSecrets;
    private final ConcurrentHashMap<Long, Deadline> scanned = new ConcurrentHashMap<>();

    @Setup(Level.Trial)
    public void setUp() {
        clock = ManualClock.at("2025-01-15T12:00:00Z");
        vigil = Fixtures.memoryVigil(clock);
        int due = monitors / 100;
        dueIds = new long[due];
        dueSecrets = new String[due];
        for (int i = 0; i < monitors; i++) {
            boolean fast = i < due;
            Duration interval = fast ? Duration.ofMinutes(1) : Duration.ofDays(1);
            CreatedMonitor m = vigil.monitors().create(Fixtures.dailyJob("m" + i).expectedInterval(interval)
                    .gracePeriod(Duration.ZERO).build());
            vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
            scanned.put(m.id(), new Deadline(m.id(), MonitorStatus.UP, clock.instant().plus(interval)));
            if (fast) {
                dueIds[i] = m.id();
                dueSecrets[i] = m.secret();
            }
        }
        vigil.tick();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        vigil.close();
    }

    @Benchmark
    public TickResult vigilNothingDue() {
        return vigil.tick();
    }

    @Benchmark
    public int baselineNothingDue() {
        return scan(clock.instant());
    }

    /** Re-arms the 1 % (they push, then their deadline passes); not measured. */
    @State(Scope.Benchmark)
    public static class OnePercentDue {
        @Setup(Level.Invocation)
        public void arm(TickBenchmark b) {
            Instant now = b.clock.instant();
            for (int i = 0; i < b.dueIds.length; i++) {
                b.vigil.monitors().push(b.dueIds[i], b.dueSecrets[i], Payload.EMPTY);
                b.scanned.put(b.dueIds[i], new Deadline(b.dueIds[i], MonitorStatus.UP, now.plus(Duration.ofMinutes(1))));
            }
            b.clock.advance(Duration.ofMinutes(2));
        }
    }

    @Benchmark
    public TickResult vigilOnePercentDue(OnePercentDue armed) {
        return vigil.tick();
    }

    @Benchmark
    public int baselineOnePercentDue(OnePercentDue armed) {
        return scan(clock.instant());
    }

    /** The straightforward evaluator: look at every monitor, mark the overdue ones DOWN. */
    private int scan(Instant now) {
        int down = 0;
        for (Deadline d : scanned.values()) {
            if (d.status() != MonitorStatus.DOWN && now.isAfter(d.expectedBy())) {
                scanned.put(d.id(), new Deadline(d.id(), MonitorStatus.DOWN, d.expectedBy()));
                down++;
            }
        }
        return down;
    }
}
