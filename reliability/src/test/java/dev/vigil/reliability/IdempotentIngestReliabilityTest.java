package dev.vigil.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, part 2: a POST ingest retried with the same {@code Idempotency-Key} gets the first response and changes
 * nothing, on whichever of two instances sharing one PostgreSQL it lands; the same key with another body is a 422.
 */
class IdempotentIngestReliabilityTest extends Scenario {

    @TempDir
    Path dir;

    @Test
    void retriesWithTheSameKeyGetTheFirstAnswerAcrossInstances() {
        String schema = schema();
        Child a = tuned(dir, "idem-a", Postgres.childUrl(schema));
        Child b = tuned(dir, "idem-b", Postgres.childUrl(schema));
        List<Child> both = List.of(a, b);
        Monitor m = createMonitor(a, "{\"name\": \"idempotent\", \"config\": {\"expected_interval\": 3600}}");
        int retried = 0;
        int conflicts = 0;
        // pushes: each key sent SIZE.idempotentRetries / 10 times, alternately to both instances
        int keys = Math.max(2, SIZE.idempotentRetries / 10);
        for (int k = 0; k < keys; k++) {
            String key = UUID.randomUUID().toString();
            String body = "{\"status\":\"success\",\"message\":\"run " + k + "\"}";
            Http.Answer first = Http.post(a.url() + m.pushPath(), body, "Idempotency-Key", key);
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            for (int i = 0; i < 10; i++) {
                Http.Answer again = Http.post(both.get(i % 2).url() + m.pushPath(), body, "Idempotency-Key", key);
                retried++;
                assertThat(again.status()).isEqualTo(200);
                assertThat(again.body()).as("the first answer, again").isEqualTo(first.body());
            }
            Http.Answer other = Http.post(b.url() + m.pushPath(), "{\"status\":\"error\"}", "Idempotency-Key", key);
            assertThat(other.status()).as(other.body()).isEqualTo(422);
            conflicts++;
        }
        assertThat(monitor(b, m.id()).get("push_count").asLong()).as("one push per key").isEqualTo(keys);
        assertThat(monitor(a, m.id()).get("status").asText()).isEqualTo("UP");
        // a service report and an app metric: the same on other ingest routes
        String report = "{\"path\": \"o/d/e/c/idem\", \"status\": \"OPERATIONAL\"}";
        String key = UUID.randomUUID().toString();
        Http.Answer r1 = Http.post(a.url() + "/api/v1/health/report", report, "X-API-Key", KEY, "Idempotency-Key", key);
        Http.Answer r2 = Http.post(b.url() + "/api/v1/health/report", report, "X-API-Key", KEY, "Idempotency-Key", key);
        assertThat(r1.status()).isEqualTo(200);
        assertThat(r2.body()).isEqualTo(r1.body()); // "created": true both times: the first answer
        retried++;
        String metric = "{\"metric\": \"http_requests\", \"value\": 5, \"dyno\": \"web.1\"}";
        String mkey = UUID.randomUUID().toString();
        Http.Answer m1 = Http.post(a.url() + "/api/v1/apps/idem/metrics", metric, "X-API-Key", KEY, "Idempotency-Key",
                mkey);
        Http.Answer m2 = Http.post(b.url() + "/api/v1/apps/idem/metrics", metric, "X-API-Key", KEY, "Idempotency-Key",
                mkey);
        assertThat(m2.status()).isEqualTo(m1.status());
        assertThat(m2.body()).isEqualTo(m1.body());
        retried++;
        Report.record(new Report.Row("idempotent ingest across two instances (PostgreSQL)", retried
                + " retries with a used Idempotency-Key, alternately on 2 instances", "-", retried + conflicts, 0, 0,
                "each retry got the first answer; push_count = keys (" + keys + "); " + conflicts
                        + " same-key-other-body requests answered 422"));
    }
}
