package dev.vigil.benchmarks;

import dev.vigil.TickResult;
import dev.vigil.Vigil;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.MonitorStatus;
import dev.vigil.monitor.Payload;
import dev.vigil.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * {@code OnePercentDue}: 1 % of the monitors are overdue and go DOWN, each with a transition in its history and a
 * notification delivered (to a no-op notifier): Vigil's cost grows with the due count only, the baseline scans
 * everything and does the same per overdue monitor. Re-arming the due monitors is not measured.
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
                Deadline before = b.scanned.put(b.dueIds[i], new Deadline(b.dueIds[i], MonitorStatus.UP,
                        now.plus(Duration.ofMinutes(1))));
                if (before != null && before.status() == MonitorStatus.DOWN) { // recovery, as Vigil notifies it
                    b.baselineTransition(new Change(b.dueIds[i], MonitorStatus.DOWN, MonitorStatus.UP, now));
                }
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

    /**
     * The straightforward evaluator: look at every monitor; for each overdue one, write a DOWN record, append a
     * transition to its history and queue a notification; then deliver the queue (to a no-op, as Vigil's
     * benchmark notifier is).
     */
    private int scan(Instant now) {
        int down = 0;
        for (Deadline d : scanned.values()) {
            if (d.status() != MonitorStatus.DOWN && now.isAfter(d.expectedBy())) {
                scanned.put(d.id(), new Deadline(d.id(), MonitorStatus.DOWN, d.expectedBy()));
                baselineTransition(new Change(d.id(), d.status(), MonitorStatus.DOWN, now));
                down++;
            }
        }
        for (Change c = notifications.poll(); c != null; c = notifications.poll()) {
            delivered.accept(c);
        }
        return down;
    }

    /** The baseline's transition: appended to the monitor's history (last 1000, as Vigil) and queued. */
    void baselineTransition(Change c) {
        ArrayDeque<Change> h = history.computeIfAbsent(c.id(), id -> new ArrayDeque<>());
        h.addLast(c);
        if (h.size() > 1000) {
            h.removeFirst();
        }
        notifications.add(c);
    }

    /** A transition as the baseline keeps it. */
    record Change(long id, MonitorStatus from, MonitorStatus to, Instant at) {
    }

    private final ConcurrentHashMap<Long, ArrayDeque<Change>> history = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Change> notifications = new ConcurrentLinkedQueue<>();
    private final Consumer<Change> delivered = c -> { };
}
