package dev.vigil.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.Vigil;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.monitor.PushResult;
import dev.vigil.store.jdbc.JdbcStore;
import dev.vigil.store.jdbc.internal.GroupCommitter;
import dev.vigil.store.jdbc.internal.JdbcSubjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
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
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Durable pushes with 32 concurrent clients on an H2 file and on PostgreSQL (127.0.0.1:5432/test, its own schema),
 * against the baseline in the same run: a raw JDBC loop of {@code UPDATE ... WHERE id=?}, one auto-committed statement
 * per push, on the same database and pool size. Vigil's push is acknowledged only after its transaction commits; its
 * group commit shares transactions between concurrent pushes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(1)
@Threads(32)
@State(Scope.Benchmark)
public class DurablePushBenchmark {
    static final int MONITORS = 1024;

    @Param({"h2file", "postgres"})
    public String db;

    private Path dir;
    private HikariDataSource pool;
    private Vigil vigil;
    private long[] ids;
    private String[] secrets;
    private String schema;
    private JdbcStore store;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        HikariConfig c = new HikariConfig();
        c.setMaximumPoolSize(40);
        if (db.equals("h2file")) {
            dir = Files.createTempDirectory("vigil-bench");
            c.setJdbcUrl("jdbc:h2:file:" + dir.resolve("vigil") + ";DB_CLOSE_DELAY=-1");
            schema = null;
        } else {
            c.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
            c.setUsername("postgres");
            schema = "vigil_bench_" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
            try (Connection conn = java.sql.DriverManager.getConnection(c.getJdbcUrl(), "postgres", "");
                    Statement st = conn.createStatement()) {
                st.execute("CREATE SCHEMA " + schema);
            }
            c.setSchema(schema);
        }
        pool = new HikariDataSource(c);
        store = JdbcStore.builder(pool).schema(schema).build();
        vigil = Vigil.builder().store(store).notifier(n -> { }).build();
        ids = new long[MONITORS];
        secrets = new String[MONITORS];
        for (int i = 0; i < MONITORS; i++) {
            CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("job-" + i)
                    .expectedInterval(Duration.ofDays(1)));
            ids[i] = m.id();
            secrets[i] = m.secret();
        }
        try (Connection conn = pool.getConnection(); Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE raw_push (id BIGINT PRIMARY KEY, last_push_at BIGINT, push_count BIGINT)");
            st.execute("INSERT INTO raw_push (id, last_push_at, push_count) SELECT CAST(subject_key AS BIGINT), 0, 0"
                    + " FROM " + (schema == null ? "" : schema + ".") + "vigil_subject WHERE kind = 'push_monitor'");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        GroupCommitter<?> group = ((JdbcSubjectStore) store.subjects()).group();
        if (group != null && group.batches() > 0) {
            System.out.printf(Locale.ROOT, "group commit: %d writes in %d transactions (%.1f per transaction)%n",
                    group.writes(), group.batches(), (double) group.writes() / group.batches());
        }
        vigil.close();
        if (schema != null) {
            try (Connection conn = pool.getConnection(); Statement st = conn.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
        pool.close();
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Each client pushes round-robin to its own 32 monitors. */
    @State(Scope.Thread)
    public static class Client {
        int base;
        int i;

        @Setup(Level.Trial)
        public void setUp(ThreadParams t) {
            base = (t.getThreadIndex() * 32) % MONITORS;
        }

        int next() {
            i = (i + 1) & 31;
            return base + i;
        }
    }

    @Benchmark
    public PushResult vigilDurablePush(Client client) {
        int k = client.next();
        return vigil.monitors().push(ids[k], secrets[k], Payload.EMPTY);
    }

    @Benchmark
    public int baselineDurablePush(Client client) throws SQLException {
        int k = client.next();
        try (Connection conn = pool.getConnection();
                PreparedStatement ps = conn.prepareStatement(
                        "UPDATE raw_push SET last_push_at = ?, push_count = push_count + 1 WHERE id = ?")) {
            ps.setLong(1, System.currentTimeMillis());
            ps.setLong(2, ids[k]);
            return ps.executeUpdate();
        }
    }
}
