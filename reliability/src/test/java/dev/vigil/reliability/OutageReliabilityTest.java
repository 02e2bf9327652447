package dev.vigil.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outages: the database unreachable for one instance (a TCP proxy between the child and the shared PostgreSQL server
 * is cut and restored; the server itself is never touched), and Vigil's own downtime past its monitors' deadlines
 * (kill -9, deadlines pass, restart).
 */
class OutageReliabilityTest extends Scenario {
    @TempDir
    Path dir;

    @Test
    void databaseOutageAnswers503AndLosesNoAcknowledgedPush() throws Exception {
        String schema = schema();
        URI pg = URI.create(Postgres.URL.substring("jdbc:".length()));
        TcpProxy proxy = closeLater(new TcpProxy(pg.getHost(), pg.getPort()));
        Child c = tuned(dir, "outage", Postgres.childUrl(schema, "127.0.0.1:" + proxy.port()),
                "--connect-timeout-ms", "1000");
        List<Monitor> monitors = new ArrayList<>();
        for (int i = 0; i < SIZE.monitors; i++) {
            monitors.add(createMonitor(c, "{\"name\": \"outage-" + i + "\", \"config\": {\"expected_interval\": 3600}}"));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong acked = new AtomicLong();
        AtomicLong unavailable = new AtomicLong();
        ConcurrentHashMap<String, Long> other = new ConcurrentHashMap<>();
        List<String> unclear = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> pushers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            pushers.add(pool.submit(() -> {
                int i = 0;
                while (running.get()) {
                    Monitor m = monitors.get((thread + i++) % monitors.size());
                    Http.Answer a = Http.post(c.url() + m.pushPath(), "{\"status\":\"success\"}");
                    if (a.status() == 200) {
                        acked.incrementAndGet();
                    } else if (a.status() == 503) {
                        unavailable.incrementAndGet();
                        if (!a.body().contains("\"error\"") || a.body().contains("Exception")) {
                            synchronized (unclear) {
                                unclear.add(a.body());
                            }
                        }
                    } else {
                        other.merge(a.status() + " " + a.body(), 1L, Long::sum);
                    }
                }
                return null;
            }));
        }
        try {
            Child.Poll.until(Duration.ofSeconds(30), "pushes acknowledged before the outage", () -> acked.get() > 50);
            proxy.cut();
            Child.Poll.until(Duration.ofSeconds(30), "pushes refused with 503 during the outage",
                    () -> unavailable.get() >= 20);
            Http.Answer ready = Http.get(c.url() + "/readyz");
            assertThat(ready.status()).as(ready.body()).isEqualTo(503);
            long ackedBeforeRestore = acked.get();
            proxy.restore();
            Child.Poll.until(Duration.ofSeconds(60), "pushes acknowledged again after the outage",
                    () -> acked.get() > ackedBeforeRestore + 50);
        } finally {
            running.set(false);
            for (Future<?> f : pushers) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
        }
        assertThat(other).as("answers other than 200 and 503").isEmpty();
        assertThat(unclear).as("503s without a clear JSON error").isEmpty();
        long counted = 0;
        for (Monitor m : monitors) {
            JsonNode n = monitor(c, m.id());
            assertThat(n.get("status").asText()).isEqualTo("UP");
            counted += n.get("push_count").asLong();
        }
        // a push refused with 503 may still have committed (the answer was lost with the connection): that is
        // unacknowledged, not lost; an acknowledged push that is not counted would be lost
        assertThat(counted).as("every acknowledged push is counted").isGreaterThanOrEqualTo(acked.get());
        assertThat(counted).as("nothing counted that was never sent").isLessThanOrEqualTo(acked.get() + unavailable.get());
        assertThat(Http.get(c.url() + "/readyz").status()).isEqualTo(200);
        Report.record(new Report.Row("database outage (one instance's connection to PostgreSQL cut and restored)",
                acked.get() + unavailable.get() + " pushes from 4 threads across the outage",
                "database unreachable; " + unavailable.get() + " pushes answered 503 with a JSON error",
                acked.get() + unavailable.get(), Math.max(0, acked.get() - counted), 0,
                "acknowledged " + acked.get() + ", counted " + counted + " (" + (counted - acked.get())
                        + " refused with 503 but committed); /readyz 503 during, 200 after"));
    }

    @Test
    void ownDowntimePastDeadlinesGivesOneDownEachNoStorm() {
        try (Receiver receiver = new Receiver()) {
            Path config = write(dir.resolve("vigil.yaml"), String.join("\n",
                    "outbound:",
                    "  allow_private_targets: true",
                    "channels:",
                    "  hook:",
                    "    type: webhook",
                    "    url: " + receiver.url("/hook"),
                    "monitors: []", ""));
            String db = "jdbc:h2:file:" + dir.resolve("vigil");
            // maxIdle 100 ms: the gap tolerance is 3 x maxIdle + 5 s = 5.3 s
            Child first = tuned(dir, "downtime", db, "--config", config.toString(), "--max-idle-ms", "100");
            List<Monitor> monitors = new ArrayList<>();
            for (int i = 0; i < SIZE.crashMonitors; i++) {
                Monitor m = createMonitor(first, "{\"name\": \"downtime-" + i + "\", \"config\": "
                        + "{\"expected_interval\": 2, \"grace_period\": 1}, \"notifications\": [\"hook\"],"
                        + " \"alert_on\": [\"down\", \"up\"]}");
                assertThat(Http.post(first.url() + m.pushPath(), "").status()).isEqualTo(200);
                monitors.add(m);
            }
            Instant killed = Instant.now();
            first.kill();
            // the fault itself: Vigil stays down past every deadline (3 s) and past the gap tolerance (5.3 s)
            Duration downtime = Duration.ofSeconds(8);
            Child.Poll.until(downtime.plusSeconds(5), "the downtime to last " + downtime,
                    () -> Duration.between(killed, Instant.now()).compareTo(downtime) >= 0);
            Instant restarted = Instant.now();
            Child second = tuned(dir, "downtime", db, "--config", config.toString(), "--max-idle-ms", "100");
            Child.Poll.until(Duration.ofSeconds(30), "every monitor DOWN after its fresh period", () -> {
                for (Monitor m : monitors) {
                    if (!monitor(second, m.id()).get("status").asText().equals("DOWN")) {
                        return false;
                    }
                }
                return true;
            });
            Child.Poll.until(Duration.ofSeconds(30), "the DOWN notifications delivered",
                    () -> receiver.requests().size() >= monitors.size());
            assertThat(second.log()).containsPattern("Evaluation gap from \\S+ to \\S+ \\(no instance was evaluating\\)");
            Pattern expectedBy = Pattern.compile("expected by (\\S+)");
            for (Monitor m : monitors) {
                List<JsonNode> downs = new ArrayList<>();
                history(second, m.id()).get("transitions").forEach(t -> {
                    if (t.get("to").asText().equals("DOWN")) {
                        downs.add(t);
                    }
                });
                assertThat(downs).as("DOWN transitions of monitor %d", m.id()).hasSize(1);
                Matcher em = expectedBy.matcher(downs.get(0).get("reason").asText());
                assertThat(em.find()).as(downs.get(0).toString()).isTrue();
                // the deadline moved past the downtime: a full period (3 s) after the restart, not the old one
                assertThat(Instant.parse(em.group(1))).isAfter(restarted.plusSeconds(2));
            }
            assertThat(receiver.requests()).as("one notification per monitor, no storm").hasSize(monitors.size());
            assertThat(receiver.duplicates()).isZero();
            Report.record(new Report.Row("Vigil's own downtime past deadlines (kill -9, H2 file)",
                    monitors.size() + " monitors due 3 s after their last push",
                    "kill -9, down " + downtime.toSeconds() + " s (deadlines and gap tolerance passed), restart",
                    monitors.size(), 0, receiver.duplicates(),
                    "gap logged; each monitor DOWN once, a full period after the restart; " + receiver.requests().size()
                            + " notifications"));
        }
    }
}
