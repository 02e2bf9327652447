package dev.vigil.benchmarks;

import dev.vigil.Vigil;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushResult;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Pushes through the Java API into the memory store (secret check, state machine, compare-and-set, history)
 * against the baseline {@link MapPushTracker} in the same run: look up a record in a ConcurrentHashMap, verify
 * the secret against its SHA-256 hash, put a new immutable record. Each thread pushes round-robin to its own
 * {@code monitorsPerThread} monitors, as independent cron jobs would; both sides use the same ids and secrets.
 *
 * <p>{@code floorMapPut2Threads} is a bare map put with no secret check: a floor for reference, not a baseline.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PushBenchmark {

    @State(Scope.Benchmark)
    public static class Shared {
        /** 1024 fits every cache Vigil has (the hot set); try 262144 for a cold, memory-bound variant. */
        @Param("1024")
        public int monitorsPerThread;

        /**
         * true: every push presents a new String holding the secret, as an HTTP server decoding it from the path
         * would, instead of the caller's same String object each time.
         */
        @Param("false")
        public boolean freshSecretStrings;

        Vigil vigil;
        MapPushTracker baseline;
        long[] ids;
        String[] secrets;
        final ConcurrentHashMap<Long, Instant> floorMap = new ConcurrentHashMap<>();

        @Setup(Level.Trial)
        public void setUp(BenchmarkParams params) {
            InstantSource clock = InstantSource.system();
            vigil = Fixtures.memoryVigil(clock);
            baseline = new MapPushTracker(clock);
            int n = monitorsPerThread * params.getThreads();
            ids = new long[n];
            secrets = new String[n];
            for (int i = 0; i < n; i++) {
                CreatedMonitor m = vigil.monitors().create(Fixtures.dailyJob("job-" + i).build());
                ids[i] = m.id();
                secrets[i] = m.secret();
                baseline.create(m.id(), m.secret(), Fixtures.INTERVAL, Fixtures.GRACE);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            vigil.close();
        }
    }

    @State(Scope.Thread)
    public static class Cursor {
        int base;
        int size;
        int i;

        @Setup(Level.Trial)
        public void setUp(Shared s, ThreadParams params) {
            size = s.monitorsPerThread;
            base = params.getThreadIndex() * size;
        }

        int next() {
            if (++i == size) {
                i = 0;
            }
            return base + i;
        }
    }

    @Benchmark
    @Threads(1)
    public PushResult vigilPush1Thread(Shared s, Cursor c) {
        return vigilPush(s, c);
    }

    @Benchmark
    @Threads(1)
    public MapPushTracker.Monitor baselinePush1Thread(Shared s, Cursor c) {
        return baselinePush(s, c);
    }

    @Benchmark
    @Threads(2)
    public PushResult vigilPush2Threads(Shared s, Cursor c) {
        return vigilPush(s, c);
    }

    @Benchmark
    @Threads(2)
    public MapPushTracker.Monitor baselinePush2Threads(Shared s, Cursor c) {
        return baselinePush(s, c);
    }

    @Benchmark
    @Threads(2)
    public Instant floorMapPut2Threads(Shared s, Cursor c) {
        Instant now = Instant.now();
        s.floorMap.put(s.ids[c.next()], now);
        return now;
    }

    private static String secret(Shared s, int k) {
        return s.freshSecretStrings ? new String(s.secrets[k].toCharArray()) : s.secrets[k];
    }

    private static PushResult vigilPush(Shared s, Cursor c) {
        int k = c.next();
        PushResult r = s.vigil.monitors().push(s.ids[k], secret(s, k), Payload.EMPTY);
        if (!r.isAccepted()) {
            throw new IllegalStateException("push rejected: " + r.outcome());
        }
        return r;
    }

    private static MapPushTracker.Monitor baselinePush(Shared s, Cursor c) {
        int k = c.next();
        MapPushTracker.Monitor m = s.baseline.push(s.ids[k], secret(s, k));
        if (m == null) {
            throw new IllegalStateException("baseline push rejected");
        }
        return m;
    }
}
