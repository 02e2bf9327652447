package dev.vigil.benchmarks;

import dev.vigil.Vigil;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.MonitorStatus;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.monitor.PushResult;
import dev.vigil.notify.Notification;
import dev.vigil.store.memory.MemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Push through the Java API to the memory store (secret check, state machine, CAS) against a baseline in the same
 * run: putting a comparable immutable record into a {@link ConcurrentHashMap}. Each thread pushes round-robin to its
 * own monitors, as independent cron jobs would.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PushBenchmark {
    static final int MONITORS_PER_THREAD = 1024;
    static final int MAX_THREADS = 8;

    @State(Scope.Benchmark)
    public static class Shared {
        Vigil vigil;
        long[] ids;
        String[] secrets;
        final ConcurrentHashMap<Long, StateRecord> map = new ConcurrentHashMap<>();

        @Setup(Level.Trial)
        public void setUp() {
            vigil = Vigil.builder().store(new MemoryStore()).notifier((Notification n) -> { }).build();
            int n = MONITORS_PER_THREAD * MAX_THREADS;
            ids = new long[n];
            secrets = new String[n];
            for (int i = 0; i < n; i++) {
                CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("job-" + i)
                        .expectedInterval(Duration.ofDays(1)).gracePeriod(Duration.ofHours(1)));
                ids[i] = m.id();
                secrets[i] = m.secret();
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            vigil.close();
        }
    }

    /** What a minimal push tracker would store per monitor. */
    record StateRecord(long id, MonitorStatus status, Instant lastPushAt, Instant expectedBy, long count) {
    }

    @State(Scope.Thread)
    public static class Cursor {
        int base;
        int i;
        final InstantSource clock = InstantSource.system();

        @Setup(Level.Trial)
        public void setUp(org.openjdk.jmh.infra.ThreadParams params) {
            base = (params.getThreadIndex() % MAX_THREADS) * MONITORS_PER_THREAD;
        }

        int next() {
            i = (i + 1) & (MONITORS_PER_THREAD - 1);
            return base + i;
        }
    }

    @Benchmark
    @Threads(1)
    public PushResult vigilPush1Thread(Shared s, Cursor c) {
        int k = c.next();
        return s.vigil.monitors().push(s.ids[k], s.secrets[k], Payload.EMPTY);
    }

    @Benchmark
    @Threads(2)
    public PushResult vigilPush2Threads(Shared s, Cursor c) {
        int k = c.next();
        return s.vigil.monitors().push(s.ids[k], s.secrets[k], Payload.EMPTY);
    }

    @Benchmark
    @Threads(1)
    public StateRecord baselineMapPut1Thread(Shared s, Cursor c) {
        return put(s, c);
    }

    @Benchmark
    @Threads(2)
    public StateRecord baselineMapPut2Threads(Shared s, Cursor c) {
        return put(s, c);
    }

    private static StateRecord put(Shared s, Cursor c) {
        long id = c.next();
        Instant now = c.clock.instant();
        StateRecord r = new StateRecord(id, MonitorStatus.UP, now, now.plusSeconds(90_000), 1);
        s.map.put(id, r);
        return r;
    }
}
