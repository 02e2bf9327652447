package dev.vigil.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent pushes are counted exactly on every store: every push answered 200 is in {@code push_count}, and nothing
 * else is. Memory, an H2 file and PostgreSQL in the example server; then two instances on one PostgreSQL schema,
 * pushed at alternately.
 */
class ConcurrentPushReliabilityTest extends Scenario {
    @TempDir
    Path dir;

    /** Pushes {@link Size#pushesPerThread} per thread and monitor, spread over {@code children}; counts the 200s. */
    private record Outcome(long sent, long acked, long refused, long counted) {
    }

    private Outcome hammer(List<Child> children) throws Exception {
        List<Monitor> monitors = new ArrayList<>();
        for (int i = 0; i < SIZE.monitors; i++) {
            monitors.add(createMonitor(children.get(0), "{\"name\": \"concurrent-" + children.size() + "-" + i + "\", \"config\": "
                    + "{\"expected_interval\": 3600, \"grace_period\": 60}}"));
        }
        AtomicLong sent = new AtomicLong();
        AtomicLong acked = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(SIZE.threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < SIZE.threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < SIZE.pushesPerThread; i++) {
                        for (Monitor m : monitors) {
                            Child c = children.get((thread + i) % children.size());
                            sent.incrementAndGet();
                            Http.Answer a = Http.post(c.url() + m.pushPath(), "{\"status\":\"success\",\"message\":\"t"
                                    + thread + " #" + i + "\"}", "Content-Type", "application/json");
                            if (a.status() == 200) {
                                acked.incrementAndGet();
                            } else {
                                refused.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        long counted = 0;
        for (Monitor m : monitors) {
            for (Child c : children) { // every instance sees the same count
                assertThat(monitor(c, m.id()).get("status").asText()).isEqualTo("UP");
            }
            counted += monitor(children.get(children.size() - 1), m.id()).get("push_count").asLong();
        }
        return new Outcome(sent.get(), acked.get(), refused.get(), counted);
    }

    private void check(String scenario, String store, List<Child> children) throws Exception {
        long started = System.nanoTime();
        Outcome o = hammer(children);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(o.refused()).as("pushes refused").isZero();
        assertThat(o.counted()).as("push_count equals the pushes answered 200").isEqualTo(o.acked());
        Report.record(new Report.Row(scenario,
                o.sent() + " pushes from " + SIZE.threads + " threads to " + SIZE.monitors + " monitors"
                        + (children.size() > 1 ? " through " + children.size() + " instances" : "")
                        + String.format(" in %.1f s", seconds),
                "-", o.sent(), o.acked() - o.counted(), Math.max(0, o.counted() - o.acked()),
                store + ": push_count = pushes answered 200 (" + o.counted() + ")"));
    }

    @Test
    void memory() throws Exception {
        Child c = closeLater(example("memory", "memory"));
        check("concurrent pushes, memory", "memory", List.of(c));
    }

    @Test
    void h2File() throws Exception {
        Child c = closeLater(example("h2", "jdbc:h2:file:" + dir.resolve("vigil")));
        check("concurrent pushes, H2 file", "H2 file", List.of(c));
    }

    @Test
    void postgresOneAndTwoInstances() throws Exception {
        String schema = schema();
        Child a = closeLater(example("pg-a", Postgres.childUrl(schema)));
        check("concurrent pushes, PostgreSQL", "PostgreSQL", List.of(a));
        Child b = closeLater(example("pg-b", Postgres.childUrl(schema)));
        check("concurrent pushes, PostgreSQL, two instances", "PostgreSQL, 2 instances", List.of(a, b));
    }

    private Child example(String name, String db) {
        Path config = write(dir.resolve(name + ".yaml"), "monitors: []\n");
        return Child.start(Child.EXAMPLE_SERVER, List.of("--port", "0", "--config", config.toString(), "--db", db),
                java.util.Map.of("VIGIL_API_KEY", KEY), logFile(name));
    }
}
