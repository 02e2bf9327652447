package dev.vigil.benchmarks;

import dev.vigil.TickResult;
import dev.vigil.Vigil;
import dev.vigil.notify.Notification;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.task.Metric;
import dev.vigil.task.MetricSample;
import dev.vigil.task.TaskSpec;
import dev.vigil.task.Tolerance;
import dev.vigil.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * One minute's evaluator tick over N apps, each with a 5xx task and a memory task (dyno type {@code web}, 10-minute
 * window, every minute), after every app sent one sample per second of each metric ({@code http_requests},
 * {@code http_5xx}, {@code memory_mb} of {@code web.1}) during that minute: 2N tasks due in one tick. Vigil: the tick
 * on the memory store, each task read from its ring of running per-minute totals (O(1) per task), its state written
 * with compare-and-set as every subject's is. Baseline: the straightforward in-memory evaluator that keeps each app's
 * raw samples of the window (one slot per second) and re-reads the whole window per task on every tick, with the
 * same rules (Welford statistics, σ against the earlier evaluations, per-dyno mean against warn and crit), states in
 * a plain array and no store. Ingesting the minute's samples is set-up, not measured. Steady state: memory wanders
 * between 250 and 349 MB (below warn) and no request fails, so no task changes level and the tick is evaluation
 * only (a tick with transitions and deliveries is {@link TickBenchmark}'s subject).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@State(Scope.Benchmark)
public class TaskTickBenchmark {
    @Param({"10000"})
    public int apps;

    private static final int WINDOW_SECONDS = 600;
    private ManualClock clock;
    private Vigil vigil;
    private long second;
    private final SplittableRandom random = new SplittableRandom(7);

    // the baseline: per app and metric one slot per second of the window, with the second it holds
    private double[][] errors;
    private double[][] requests;
    private double[][] memory;
    private long[][] stamps;
    private double[] n;
    private double[] mean;
    private double[] m2;
    private int[] level5xx;
    private int[] levelMemory;
    private final List<String> baselineTransitions = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        clock = ManualClock.at("2025-01-15T12:00:00Z");
        second = clock.instant().getEpochSecond();
        vigil = Vigil.builder().store(new MemoryStore()).clock(clock).notifier((Notification x) -> { })
                .channel("email", (Notification x) -> { }).build();
        for (int a = 0; a < apps; a++) {
            vigil.tasks().create(TaskSpec.fiveXx("app-" + a, Tolerance.MEDIUM).email("ops@example.com").build());
            vigil.tasks().create(TaskSpec.memory("app-" + a, "web", 400, 800, Duration.ofMinutes(10),
                    Duration.ofMinutes(1)).email("ops@example.com").build());
        }
        errors = new double[apps][WINDOW_SECONDS];
        requests = new double[apps][WINDOW_SECONDS];
        memory = new double[apps][WINDOW_SECONDS];
        stamps = new long[apps][WINDOW_SECONDS];
        for (long[] s : stamps) {
            java.util.Arrays.fill(s, Long.MIN_VALUE);
        }
        n = new double[apps];
        mean = new double[apps];
        m2 = new double[apps];
        level5xx = new int[apps];
        levelMemory = new int[apps];
    }

    /** One minute of samples, one per app per second of each metric, to both; then the clock reaches the tick. */
    @Setup(Level.Iteration)
    public void oneMinuteOfSamples() {
        for (int a = 0; a < apps; a++) {
            List<MetricSample> batch = new ArrayList<>(180);
            for (int s = 0; s < 60; s++) {
                long at = second + s;
                double e = 0; // steady state: no task changes level, so the tick is evaluation only
                double mb = 250 + random.nextInt(100);
                Instant when = Instant.ofEpochSecond(at);
                batch.add(new MetricSample(Metric.HTTP_REQUESTS, 10, "web.1", when));
                batch.add(new MetricSample(Metric.HTTP_5XX, e, "web.1", when));
                batch.add(new MetricSample(Metric.MEMORY_MB, mb, "web.1", when));
                int slot = (int) Math.floorMod(at, (long) WINDOW_SECONDS);
                errors[a][slot] = e;
                requests[a][slot] = 10;
                memory[a][slot] = mb;
                stamps[a][slot] = at;
            }
            vigil.apps().record("app-" + a, batch);
        }
        second += 60;
        clock.set(Instant.ofEpochSecond(second));
        // the minute's ingest left garbage that a service collects during that minute; collect it here, or a young
        // collection of it lands in whichever tick comes next and the figure measures the ingest's garbage
        System.gc();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        vigil.close();
    }

    @Benchmark
    public TickResult vigilMinuteTick() {
        return vigil.tick();
    }

    @Benchmark
    public int baselineMinuteTick() {
        long now = second;
        int changes = 0;
        for (int a = 0; a < apps; a++) {
            double e = 0;
            double r = 0;
            double mb = 0;
            int samples = 0;
            long[] st = stamps[a];
            for (int i = 0; i < WINDOW_SECONDS; i++) { // (now - 10 min, now]
                if (st[i] > now - WINDOW_SECONDS && st[i] <= now) {
                    e += errors[a][i];
                    r += requests[a][i];
                    mb += memory[a][i];
                    samples++;
                }
            }
            double sd = n[a] < 2 ? 0 : Math.sqrt(m2[a] / (n[a] - 1));
            double sigma = n[a] == 0 ? 0 : sd == 0 ? (e > mean[a] ? Double.POSITIVE_INFINITY : 0)
                    : Math.max(0, e - mean[a]) / sd;
            int level = sigma > 1.0 ? 3 : sigma >= 0.1 ? 2 : 0;
            n[a]++;
            double delta = e - mean[a];
            mean[a] += delta / n[a];
            m2[a] += delta * (e - mean[a]);
            if (level != level5xx[a]) {
                level5xx[a] = level;
                changes += transition(a, level, r);
            }
            double avg = samples == 0 ? 0 : mb / samples;
            int memLevel = avg > 800 ? 3 : avg > 400 ? 2 : 0;
            if (memLevel != levelMemory[a]) {
                levelMemory[a] = memLevel;
                changes += transition(a, memLevel, avg);
            }
        }
        return changes;
    }

    private int transition(int app, int level, double value) {
        baselineTransitions.add("app-" + app + " " + level + " " + value);
        if (baselineTransitions.size() > 100_000) {
            baselineTransitions.clear();
        }
        return 1;
    }
}
