package dev.vigil.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications through a real receiver: a crash (kill -9) while the receiver holds a request, a receiver that is down
 * and comes back, and two instances on one PostgreSQL with a slow receiver. Lost and duplicated deliveries are counted
 * by the receiver, per {@code Idempotency-Key} (the outbox entry's id).
 */
class DeliveryReliabilityTest extends Scenario {
    @TempDir
    Path dir;

    private Path config(Receiver receiver) {
        return write(dir.resolve("vigil.yaml"), String.join("\n",
                "outbound:",
                "  allow_private_targets: true   # the receiver is on 127.0.0.1",
                "channels:",
                "  hook:",
                "    type: webhook",
                "    url: " + receiver.url("/hook"),
                "    timeout: 30s",
                "monitors: []", ""));
    }

    /** {@code n} monitors that notify the hook; a failure push makes each DOWN at once (one notification each). */
    private static List<Monitor> monitors(Child c, String prefix, int n) {
        List<Monitor> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(createMonitor(c, "{\"name\": \"" + prefix + i + "\", \"config\": {\"expected_interval\": 3600},"
                    + " \"notifications\": [\"hook\"], \"alert_on\": [\"down\"]}"));
        }
        return out;
    }

    private static void fail(List<Child> via, List<Monitor> monitors) {
        for (int i = 0; i < monitors.size(); i++) {
            Http.Answer a = Http.post(via.get(i % via.size()).url() + monitors.get(i).pushPath(),
                    "{\"status\": \"error\", \"message\": \"scenario\"}");
            assertThat(a.status()).as(a.body()).isEqualTo(200);
        }
    }

    /** Outbox ids of the hook channel's entries, as the admin API lists them. */
    private static Map<String, JsonNode> hookEntries(Child c) {
        Map<String, JsonNode> m = new HashMap<>();
        for (JsonNode n : notifications(c, "all")) {
            if (n.get("channel").asText().equals("hook")) {
                m.put(n.get("id").asText(), n);
            }
        }
        return m;
    }

    private static long count(Map<String, JsonNode> entries, String status) {
        return entries.values().stream().filter(n -> n.get("status").asText().equals(status)).count();
    }

    @Test
    void crashMidDeliveryLosesNothing() {
        try (Receiver receiver = new Receiver()) {
            Path db = dir.resolve("vigil");
            String[] knobs = {"--config", config(receiver).toString(), "--lease-ms", "3000"};
            Child first = tuned(dir, "crash", "jdbc:h2:file:" + db, knobs);
            receiver.hold();
            List<Monitor> monitors = monitors(first, "crash-", SIZE.crashMonitors);
            fail(List.of(first), monitors);
            Child.Poll.until(Duration.ofSeconds(30), "the receiver holds a request", () -> receiver.inFlight() > 0);
            int heldAtCrash = receiver.inFlight();
            first.kill();
            receiver.release(); // the held requests were received, and their answers go to a dead process
            Child second = tuned(dir, "crash", "jdbc:h2:file:" + db, knobs);
            Child.Poll.until(Duration.ofSeconds(60), "every notification delivered after the restart",
                    () -> count(hookEntries(second), "delivered") == monitors.size());
            Map<String, JsonNode> entries = hookEntries(second);
            Map<String, Integer> perKey = receiver.perKey();
            assertThat(perKey.keySet()).containsAll(entries.keySet());
            int duplicates = receiver.duplicates();
            assertThat(duplicates).as("duplicates, at most the requests in flight at the crash (%d)", heldAtCrash)
                    .isLessThanOrEqualTo(heldAtCrash);
            Report.record(new Report.Row("crash mid-delivery (kill -9, H2 file)",
                    monitors.size() + " DOWN notifications", "kill -9 while the receiver held " + heldAtCrash
                            + " request(s); restart", monitors.size(), monitors.size() - entries.size()
                            + entries.keySet().stream().filter(k -> !perKey.containsKey(k)).count(), duplicates,
                    "duplicates allowed: only the " + heldAtCrash + " request(s) in flight at the crash"));
        }
    }

    @Test
    void receiverDownThenUpDeliversEverything() {
        try (Receiver receiver = new Receiver()) {
            Child c = tuned(dir, "down", "jdbc:h2:file:" + dir.resolve("vigil"), "--config",
                    config(receiver).toString(), "--retries", "20:200:1000");
            receiver.down();
            List<Monitor> monitors = monitors(c, "down-", SIZE.downTransitions);
            fail(List.of(c), monitors);
            Child.Poll.until(Duration.ofSeconds(60), "every notification failed at least twice while the receiver"
                    + " was down", () -> {
                        Map<String, JsonNode> e = hookEntries(c);
                        return e.size() == monitors.size()
                                && e.values().stream().allMatch(n -> n.get("attempts").asInt() >= 2
                                        && n.get("status").asText().equals("pending"));
                    });
            long failedAttempts = hookEntries(c).values().stream().mapToLong(n -> n.get("attempts").asLong()).sum();
            receiver.up();
            Child.Poll.until(Duration.ofSeconds(60), "every notification delivered once the receiver is up",
                    () -> count(hookEntries(c), "delivered") == monitors.size());
            Map<String, Integer> perKey = receiver.perKey();
            assertThat(perKey.keySet()).isEqualTo(hookEntries(c).keySet());
            assertThat(receiver.duplicates()).isZero();
            Report.record(new Report.Row("receiver down, then up", monitors.size() + " DOWN notifications",
                    failedAttempts + " failed attempts while the receiver was down", monitors.size(),
                    monitors.size() - perKey.size(), receiver.duplicates(),
                    "retried with backoff; every one delivered after the receiver came back"));
        }
    }

    /**
     * Issue 17, part 1: two healthy instances must not deliver twice. A receiver that takes {@link Size#slowReceiver}
     * per request; the lease is about a quarter of what delivering everything one by one takes (the full-size
     * figures: 200 notifications, 1.2 s each, a 60 s lease).
     */
    @Test
    void twoInstancesWithASlowReceiverDeliverOnce() {
        String schema = schema();
        try (Receiver receiver = new Receiver()) {
            receiver.delay(SIZE.slowReceiver);
            long lease = SIZE == Size.FULL ? 60_000
                    : Math.max(1000, SIZE.slowReceiver.toMillis() * SIZE.slowTransitions / 4);
            String[] knobs = {"--config", config(receiver).toString(), "--lease-ms", Long.toString(lease)};
            Child a = tuned(dir, "slow-a", Postgres.childUrl(schema), knobs);
            Child b = tuned(dir, "slow-b", Postgres.childUrl(schema), knobs);
            List<Monitor> monitors = monitors(a, "slow-", SIZE.slowTransitions);
            Instant started = Instant.now();
            fail(List.of(a, b), monitors);
            Duration budget = SIZE.slowReceiver.multipliedBy(SIZE.slowTransitions).plusSeconds(60);
            Child.Poll.until(budget, "every notification delivered",
                    () -> count(hookEntries(a), "delivered") == monitors.size() && receiver.inFlight() == 0);
            Duration took = Duration.between(started, Instant.now());
            Map<String, JsonNode> entries = hookEntries(b);
            Map<String, Integer> perKey = receiver.perKey();
            assertThat(perKey.keySet()).isEqualTo(entries.keySet());
            int duplicates = receiver.duplicates();
            assertThat(duplicates).as("deliveries beyond the first per idempotency key: " + perKey).isZero();
            // delivered_at is when the receiver answered, not when the entry was claimed
            Map<String, Instant> received = new HashMap<>();
            receiver.requests().forEach(r -> received.merge(r.key(), r.receivedAt(),
                    (x, y) -> x.isAfter(y) ? x : y));
            for (JsonNode n : entries.values()) {
                Instant deliveredAt = Instant.parse(n.get("delivered_at").asText());
                assertThat(deliveredAt).as("delivered_at of %s", n.get("id").asText())
                        .isAfterOrEqualTo(received.get(n.get("id").asText()).plus(SIZE.slowReceiver)
                                .minusMillis(50));
            }
            Report.record(new Report.Row("two instances, one PostgreSQL, slow receiver",
                    monitors.size() + " DOWN notifications, receiver " + SIZE.slowReceiver.toMillis()
                            + " ms per request, lease " + lease / 1000.0 + " s",
                    "-", monitors.size(), monitors.size() - perKey.size(), duplicates,
                    "all delivered in " + took.toSeconds() + " s; delivered_at = when the receiver answered"));
        }
    }
}
