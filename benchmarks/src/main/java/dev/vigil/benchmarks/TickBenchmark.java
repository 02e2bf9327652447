package dev.vigil.benchmarks;

import dev.vigil.TickResult;
import dev.vigil.Vigil;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.notify.Notification;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.testkit.ManualClock;
import java.time.Duration;
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
 * One evaluator tick over the memory store with N monitors: with nothing due (must not depend on N) and with 1 %
 * of them due (must grow with the due count only). The baseline is the nothing-due tick at the smallest N.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@State(Scope.Benchmark)
public class TickBenchmark {
    @Param({"10000", "100000", "1000000"})
    public int monitors;

    private ManualClock clock;
    private Vigil vigil;
    private long[] dueIds;
    private String[] dueSecrets;

    @Setup(Level.Trial)
    public void setUp() {
        clock = ManualClock.at("2025-01-15T12:00:00Z");
        vigil = Vigil.builder().store(new MemoryStore()).clock(clock).notifier((Notification n) -> { }).build();
        int due = monitors / 100;
        dueIds = new long[due];
        dueSecrets = new String[due];
        for (int i = 0; i < monitors; i++) {
            boolean fast = i < due;
            CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("m" + i)
                    .expectedInterval(fast ? Duration.ofMinutes(1) : Duration.ofDays(1)));
            vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
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
    public TickResult tickNothingDue() {
        return vigil.tick();
    }

    /** Re-arms the 1 % (they push, then their deadline passes); not measured. */
    @State(Scope.Benchmark)
    public static class OnePercentDue {
        @Setup(Level.Invocation)
        public void arm(TickBenchmark b) {
            for (int i = 0; i < b.dueIds.length; i++) {
                b.vigil.monitors().push(b.dueIds[i], b.dueSecrets[i], Payload.EMPTY);
            }
            b.clock.advance(Duration.ofMinutes(2));
        }
    }

    @Benchmark
    public TickResult tickOnePercentDue(OnePercentDue armed) {
        return vigil.tick();
    }
}
