package dev.vigil.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.http.VigilHttp;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.PushMonitorSpec;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code Idempotency-Key} on the POST routes, over real HTTP: a retry gets the first response (status, type and
 * body, marked {@code Idempotent-Replayed}) and changes nothing; the same key with another body is a 422 in the
 * route family's own error shape; keys are scoped to the route and the caller; a malformed key is a 400.
 */
public abstract class IdempotencyKeyTests extends HttpApiTestBase {
    private static final String TOKEN = "dt0c01.ingest-token-0123456789";
    private static final String METRICS_KEY = "metrics-only-key-0123456789abcdef";

    @Override
    protected VigilHttp.Builder configure(VigilHttp.Builder http) {
        return super.configure(http).apiToken(TOKEN, "events.ingest", "events.read", "entities.write")
                .apiKey(METRICS_KEY, "metrics.write").basicAuth("root", "root");
    }

    private static HttpRequest.Builder keyed(HttpRequest.Builder b, String key) {
        return b.header("Idempotency-Key", key);
    }

    /** Sends the request twice with one key; asserts the second is the first, replayed. */
    private HttpResponse<String> twice(java.util.function.Supplier<HttpRequest.Builder> request) {
        HttpResponse<String> first = send(request.get());
        HttpResponse<String> again = send(request.get());
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(again.statusCode()).isEqualTo(first.statusCode());
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
        return first;
    }

    @Test
    void aRetriedPushIsCountedOnce() {
        CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("backup").expectedInterval(Duration.ofHours(1)));
        String path = "/api/push/" + m.id() + "/" + m.secret();
        HttpResponse<String> r = twice(() -> keyed(request(path), "push-1").POST(BodyPublishers.ofString("{\"status\":\"success\"}")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(vigil.monitors().get(m.id()).orElseThrow().pushCount()).isOne();

        HttpResponse<String> other = send(keyed(request(path), "push-1").POST(BodyPublishers.ofString("{\"status\":\"error\"}")));
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.body()).contains("Idempotency-Key").doesNotContain(m.secret());
        assertThat(vigil.monitors().get(m.id()).orElseThrow().pushCount()).isOne();

        // another monitor, same key: another scope
        CreatedMonitor n = vigil.monitors().create(PushMonitorSpec.named("sync").expectedInterval(Duration.ofHours(1)));
        assertThat(send(keyed(request("/api/push/" + n.id() + "/" + n.secret()), "push-1")
                .POST(BodyPublishers.ofString("{\"status\":\"success\"}"))).statusCode()).isEqualTo(200);
        assertThat(vigil.monitors().get(n.id()).orElseThrow().pushCount()).isOne();

        // without a key every request counts
        send(request(path).POST(BodyPublishers.ofString("{\"status\":\"success\"}")));
        send(request(path).POST(BodyPublishers.ofString("{\"status\":\"success\"}")));
        assertThat(vigil.monitors().get(m.id()).orElseThrow().pushCount()).isEqualTo(3);
    }

    @Test
    void aMalformedKeyIsRefused() {
        CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("backup").expectedInterval(Duration.ofHours(1)));
        String path = "/api/push/" + m.id() + "/" + m.secret();
        for (String key : new String[] {"x".repeat(256), "two words", "tab\tkey"}) {
            HttpResponse<String> r = send(keyed(request(path), key).POST(BodyPublishers.ofString("")));
            assertThat(r.statusCode()).as(key).isEqualTo(400);
            assertThat(r.body()).contains("Idempotency-Key");
        }
        assertThat(vigil.monitors().get(m.id()).orElseThrow().pushCount()).isZero();
        assertThat(send(keyed(request(path), "x".repeat(255)).POST(BodyPublishers.ofString(""))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aRetriedHealthReportAnswersAsTheFirstDid() {
        String body = "{\"path\":\"acme/platform/prod/eu-1/billing\",\"status\":\"DEGRADED\",\"message\":\"slow\"}";
        HttpResponse<String> r = twice(() -> keyed(admin("/api/v1/health/report"), "report-1")
                .POST(BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("created").asBoolean()).isTrue(); // the replay says so too: it is the first answer
        assertThat(vigil.services().get("acme/platform/prod/eu-1/billing").orElseThrow().status().name())
                .isEqualTo("DEGRADED");

        HttpResponse<String> other = send(keyed(admin("/api/v1/health/report"), "report-1")
                .POST(BodyPublishers.ofString(body.replace("DEGRADED", "DOWN"))));
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(vigil.services().get("acme/platform/prod/eu-1/billing").orElseThrow().status().name())
                .isEqualTo("DEGRADED");
    }

    @Test
    void aRetriedEventIngestStoresTheEventOnce() {
        String event = "{\"eventType\":\"CUSTOM_INFO\",\"title\":\"Deployed v42\"}";
        HttpResponse<String> r = twice(() -> keyed(request("/api/v2/events/ingest"), "deploy-42")
                .header("Authorization", "Api-Token " + TOKEN).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(event)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        HttpResponse<String> listed = send(request("/api/v2/events?from=now-1d")
                .header("Authorization", "Api-Token " + TOKEN).GET());
        assertThat(json(listed).get("totalCount").asInt()).as(listed.body()).isOne();

        HttpResponse<String> other = send(keyed(request("/api/v2/events/ingest"), "deploy-42")
                .header("Authorization", "Api-Token " + TOKEN).POST(BodyPublishers.ofString(
                        event.replace("v42", "v43"))));
        assertThat(other.statusCode()).isEqualTo(422);
        JsonNode error = json(other).get("error"); // Dynatrace's envelope
        assertThat(error.get("code").asInt()).isEqualTo(422);
    }

    @Test
    void retriedMetricsAndCheckEventsAreReplayed() {
        twice(() -> keyed(request("/api/v1/apps/billing-prod/metrics"), "m-1").header("X-API-Key", METRICS_KEY)
                .POST(BodyPublishers.ofString("{\"metric\":\"http_requests\",\"value\":100,\"dyno\":\"web.1\"}")));
        String check = "{\"connector\":\"zabbix\",\"connector_name\":\"zbx-1\",\"component\":\"host-7\","
                + "\"source_type\":\"component\",\"event_type\":\"check\",\"state\":0}";
        HttpResponse<String> r = twice(() -> keyed(request("/api/v2/event"), "check-1")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("root:root".getBytes()))
                .POST(BodyPublishers.ofString(check)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void aRetriedCreateMakesOneMonitor() {
        String body = "{\"name\":\"nightly\",\"config\":{\"expected_interval\":3600}}";
        HttpResponse<String> r = twice(() -> keyed(admin("/api/v1/monitors"), "create-1")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(vigil.monitors().list()).hasSize(1);
    }
}
