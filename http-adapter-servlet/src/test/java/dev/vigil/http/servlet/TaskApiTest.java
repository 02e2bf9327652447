package dev.vigil.http.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.http.VigilHttp;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seed 003's tasks API and the app data-in routes, over a real servlet container, at the root as upstream. */
class TaskApiTest extends ServletTestBase {
    static final String METRICS_KEY = "metrics-only-key-0123456789abcdef";
    static final String HOOK = "https://hooks.example.com/kapacitor";

    @Override
    protected String prefix() {
        return "";
    }

    @Override
    protected VigilHttp.Builder configure(VigilHttp.Builder http) {
        return super.configure(http).apiKey(METRICS_KEY, "metrics.write");
    }

    private HttpResponse<String> call(String method, String path, String json) {
        return send(admin(path).header("Content-Type", "application/json").method(method,
                json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json)));
    }

    private static void empty(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).isEmpty();
    }

    private static void nullBody(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("null");
    }

    @Test
    void fiveXxRoutesWithTheSeedsBodies() {
        empty(call("POST", "/task/5xx", "{\"app\": \"billing-prod\", \"tolerance\": \"low\", \"slack\": \"\","
                + " \"email\": \"oncall@example.com\", \"post\": \"" + HOOK + "\"}"), 201);
        JsonNode list = json(adminGet("/tasks/5xx"));
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(1);
        JsonNode one = json(adminGet("/task/5xx/billing-prod"));
        assertThat(one).isEqualTo(list.get(0));
        assertThat(one.get("app").asText()).isEqualTo("billing-prod");
        assertThat(one.get("tolerance").asText()).isEqualTo("low");
        assertThat(one.get("slack").asText()).isEmpty();
        assertThat(one.get("email").asText()).isEqualTo("oncall@example.com");
        assertThat(one.get("post").asText()).isEqualTo(HOOK);
        assertThat(one.has("warnings")).as("email without an email channel warns").isTrue();

        JsonNode state = json(adminGet("/task/5xx/billing-prod/state"));
        assertThat(state.get("app").asText()).isEqualTo("billing-prod");
        assertThat(state.get("state").asText()).isEqualTo("OK");
        assertThat(state.has("value")).isTrue();
        assertThat(state.has("sigma")).isTrue();
        assertThat(state.get("since").asText()).isEqualTo("2025-01-15T12:00:00Z");

        HttpResponse<String> patched = call("PATCH", "/task/5xx", "{\"app\": \"billing-prod\", \"tolerance\": "
                + "\"high\", \"post\": \"" + HOOK + "\"}");
        empty(patched, 201);
        assertThat(patched.headers().firstValue("Vigil-Warning")).isEmpty();
        JsonNode after = json(adminGet("/task/5xx/billing-prod"));
        assertThat(after.get("tolerance").asText()).isEqualTo("high");
        assertThat(after.get("email").asText()).isEmpty();
        assertThat(after.has("warnings")).isFalse();

        assertThat(error(call("POST", "/task/5xx", "{\"app\": \"billing-prod\", \"tolerance\": \"low\", \"post\": \""
                + HOOK + "\"}"), 409)).contains("exists already");
        nullBody(call("PATCH", "/task/5xx", "{\"app\": \"nobody\", \"tolerance\": \"low\", \"post\": \"" + HOOK
                + "\"}"));
        empty(call("DELETE", "/task/5xx/billing-prod", null), 200);
        nullBody(adminGet("/task/5xx/billing-prod"));
        nullBody(adminGet("/task/5xx/billing-prod/state"));
        nullBody(call("DELETE", "/task/5xx/billing-prod", null));
        assertThat(adminGet("/tasks/5xx").body()).isEqualTo("[]");
    }

    @Test
    void crashedAndReleaseRoutes() {
        for (String type : List.of("crashed", "release")) {
            empty(call("POST", "/task/" + type, "{\"app\": \"billing-prod\", \"post\": \"" + HOOK + "\"}"), 201);
            JsonNode one = json(adminGet("/task/" + type + "/billing-prod"));
            assertThat(one.get("app").asText()).isEqualTo("billing-prod");
            assertThat(one.get("post").asText()).isEqualTo(HOOK);
            assertThat(one.has("tolerance")).isFalse();
            assertThat(json(adminGet("/tasks/" + type))).hasSize(1);
            empty(call("PATCH", "/task/" + type, "{\"app\": \"billing-prod\", \"post\": \"" + HOOK + "/v2\"}"), 201);
            assertThat(json(adminGet("/task/" + type + "/billing-prod")).get("post").asText()).endsWith("/v2");
            empty(call("DELETE", "/task/" + type + "/billing-prod", null), 200);
            nullBody(adminGet("/task/" + type + "/billing-prod"));
            assertThat(adminGet("/tasks/" + type).body()).isEqualTo("[]");
        }
    }

    @Test
    void memoryRoutesWithDynoTypes() {
        empty(call("POST", "/task/memory", "{\"app\": \"billing-prod\", \"dynotype\": \"web\", \"warn\": \"200\","
                + " \"crit\": \"500\", \"window\": \"12h\", \"every\": \"1m\", \"post\": \"" + HOOK + "\"}"), 201);
        empty(call("POST", "/task/memory", "{\"app\": \"billing-prod\", \"dynotype\": \"all\", \"warn\": 300,"
                + " \"crit\": 700.5, \"window\": \"1h30m\", \"every\": \"30s\", \"post\": \"" + HOOK + "\"}"), 201);
        empty(call("POST", "/task/memory", "{\"app\": \"other\", \"dynotype\": \"worker\", \"warn\": \"1\","
                + " \"crit\": \"2\", \"window\": \"5m\", \"every\": \"1m\", \"post\": \"" + HOOK + "\"}"), 201);
        assertThat(json(adminGet("/tasks/memory"))).hasSize(3);
        JsonNode app = json(adminGet("/tasks/memory/billing-prod"));
        assertThat(app).extracting(n -> n.get("dynotype").asText()).containsExactly("all", "web");
        JsonNode web = json(adminGet("/tasks/memory/billing-prod/web"));
        assertThat(web.get("warn").asText()).isEqualTo("200");
        assertThat(web.get("crit").asText()).isEqualTo("500");
        assertThat(web.get("window").asText()).isEqualTo("12h");
        assertThat(web.get("every").asText()).isEqualTo("1m");
        JsonNode all = json(adminGet("/tasks/memory/billing-prod/all"));
        assertThat(all.get("warn").isTextual()).isTrue();
        assertThat(all.get("warn").asText()).isEqualTo("300");
        assertThat(all.get("crit").asText()).isEqualTo("700.5");
        assertThat(all.get("window").asText()).isEqualTo("1h30m");
        assertThat(all.get("every").asText()).isEqualTo("30s");

        empty(call("PATCH", "/task/memory", "{\"app\": \"billing-prod\", \"dynotype\": \"web\", \"warn\": \"500\","
                + " \"crit\": \"700\", \"window\": \"12h\", \"every\": \"1m\", \"post\": \"" + HOOK + "\"}"), 201);
        assertThat(json(adminGet("/tasks/memory/billing-prod/web")).get("warn").asText()).isEqualTo("500");
        nullBody(adminGet("/tasks/memory/billing-prod/worker"));
        assertThat(adminGet("/tasks/memory/nobody").body()).isEqualTo("[]");
        empty(call("DELETE", "/task/memory/billing-prod/web", null), 200);
        nullBody(call("DELETE", "/task/memory/billing-prod/web", null));
        // an app and dyno type together longer than any subject key (found by the reliability suite: was a 500)
        String longer = "a".repeat(300);
        nullBody(call("DELETE", "/task/memory/" + longer + "/" + longer, null));
        nullBody(adminGet("/tasks/memory/" + longer + "/" + longer));
        nullBody(call("DELETE", "/task/crashed/" + longer + longer, null));
        assertThat(json(adminGet("/tasks/memory/billing-prod"))).hasSize(1);
    }

    @Test
    void everyValidationRuleIsA400NamingTheField() {
        String post = ", \"post\": \"" + HOOK + "\"";
        Map<String, String[]> cases = new java.util.LinkedHashMap<>();
        cases.put("5xx no target", new String[] {"5xx", "{\"app\": \"a\", \"tolerance\": \"low\"}",
                "slack, email or post: at least one"});
        cases.put("5xx only empty targets", new String[] {"5xx", "{\"app\": \"a\", \"tolerance\": \"low\", "
                + "\"slack\": \"\", \"email\": \"\", \"post\": \"\"}", "slack, email or post"});
        cases.put("no app", new String[] {"crashed", "{\"slack\": \"#ops\"}", "app: is required"});
        cases.put("app a number", new String[] {"crashed", "{\"app\": 5, \"slack\": \"#ops\"}", "app: must be a string"});
        cases.put("app with a slash", new String[] {"release", "{\"app\": \"a/b\"" + post + "}", "app: must be"});
        cases.put("no tolerance", new String[] {"5xx", "{\"app\": \"a\"" + post + "}", "tolerance: is required"});
        cases.put("bad tolerance", new String[] {"5xx", "{\"app\": \"a\", \"tolerance\": \"extreme\"" + post + "}",
                "tolerance: must be low, medium or high"});
        cases.put("bad slack", new String[] {"crashed", "{\"app\": \"a\", \"slack\": \"#a b\"}", "slack:"});
        cases.put("bad email", new String[] {"crashed", "{\"app\": \"a\", \"email\": \"a@b.c, nope\"}",
                "email: 'nope'"});
        cases.put("malformed post", new String[] {"crashed", "{\"app\": \"a\", \"post\": \"http://exa mple\"}",
                "post:"});
        cases.put("post not http", new String[] {"crashed", "{\"app\": \"a\", \"post\": \"file:///etc/passwd\"}",
                "post: must be an http"});
        String mem = "{\"app\": \"a\", \"dynotype\": \"web\", \"warn\": %s, \"crit\": %s, \"window\": %s, "
                + "\"every\": %s" + post + "}";
        cases.put("no dynotype", new String[] {"memory", "{\"app\": \"a\", \"warn\": 1, \"crit\": 2, \"window\":"
                + " \"1h\", \"every\": \"1m\"" + post + "}", "dynotype: is required"});
        cases.put("warn missing", new String[] {"memory", String.format(mem, "null", "2", "\"1h\"", "\"1m\""),
                "warn: is required"});
        cases.put("warn not a number", new String[] {"memory", String.format(mem, "\"lots\"", "2", "\"1h\"",
                "\"1m\""), "warn: must be a number of MB"});
        cases.put("warn zero", new String[] {"memory", String.format(mem, "0", "2", "\"1h\"", "\"1m\""),
                "warn: must be a number of MB above 0"});
        cases.put("crit below warn", new String[] {"memory", String.format(mem, "\"500\"", "\"200\"", "\"1h\"",
                "\"1m\""), "warn: must be below crit"});
        cases.put("crit a boolean", new String[] {"memory", String.format(mem, "1", "true", "\"1h\"", "\"1m\""),
                "crit: must be a number of MB"});
        cases.put("window missing", new String[] {"memory", String.format(mem, "1", "2", "null", "\"1m\""),
                "window: is required"});
        cases.put("window not a duration", new String[] {"memory", String.format(mem, "1", "2", "\"soon\"",
                "\"1m\""), "window: must be a duration"});
        cases.put("window a number", new String[] {"memory", String.format(mem, "1", "2", "3600", "\"1m\""),
                "window: must be a string"});
        cases.put("window too short", new String[] {"memory", String.format(mem, "1", "2", "\"30s\"", "\"10s\""),
                "window: must be between 1m and 24h"});
        cases.put("window too long", new String[] {"memory", String.format(mem, "1", "2", "\"25h\"", "\"1m\""),
                "window: must be between 1m and 24h"});
        cases.put("every too short", new String[] {"memory", String.format(mem, "1", "2", "\"1h\"", "\"5s\""),
                "every: must be between 10s and 1h"});
        cases.put("every too long", new String[] {"memory", String.format(mem, "1", "2", "\"24h\"", "\"2h\""),
                "every: must be between 10s and 1h"});
        cases.put("every over window", new String[] {"memory", String.format(mem, "1", "2", "\"5m\"", "\"10m\""),
                "every: must not be longer than the window"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            for (String method : List.of("POST", "PATCH")) {
                String message = error(call(method, "/task/" + c.getValue()[0], c.getValue()[1]), 400);
                assertThat(message).as(c.getKey() + " " + method).startsWith(c.getValue()[2]);
            }
        }
        assertThat(error(call("POST", "/task/5xx", "[1, 2]"), 400)).contains("JSON object");
        assertThat(error(call("POST", "/task/5xx", null), 400)).contains("JSON object");
        assertThat(error(call("POST", "/task/5xx", "{\"app\": "), 400)).contains("Malformed JSON");
        assertThat(adminGet("/tasks/5xx").body()).isEqualTo("[]");
        assertThat(adminGet("/tasks/memory").body()).isEqualTo("[]");
        assertThat(error(send(request("/tasks/5xx").GET()), 401)).isNotEmpty();
        assertThat(error(send(request("/tasks/5xx").header("X-API-Key", METRICS_KEY).GET()), 403)).isNotEmpty();
        assertThat(error(call("PUT", "/task/5xx", "{}"), 405)).isNotEmpty();
    }

    @Test
    void aTargetWithoutItsIntegrationIsStoredWithAWarningAndFailsVisibly() {
        HttpResponse<String> r = call("POST", "/task/release", "{\"app\": \"billing-prod\", \"slack\": \"ops\"}");
        empty(r, 201);
        assertThat(r.headers().firstValue("Vigil-Warning")).hasValueSatisfying(w ->
                assertThat(w).contains("Slack").contains("'slack'").contains("token"));
        JsonNode t = json(adminGet("/task/release/billing-prod"));
        assertThat(t.get("slack").asText()).isEqualTo("#ops");
        assertThat(t.get("warnings")).singleElement().satisfies(w -> assertThat(w.asText()).contains("Slack"));
        assertThat(send(admin("/api/v1/apps/billing-prod/releases").POST(BodyPublishers.ofString(
                "{\"version\": \"v3\", \"description\": \"Deploy\"}"))).statusCode()).isEqualTo(200);
        vigil.tick();
        List<OutboxEntry> failed = vigil.notifications().list(OutboxStatus.FAILED, 10);
        assertThat(failed).singleElement().satisfies(e -> {
            assertThat(e.channel()).isEqualTo("slack");
            assertThat(e.address()).isEqualTo("#ops");
            assertThat(e.lastError()).contains("no Slack integration is configured");
        });
        JsonNode listed = json(adminGet("/api/v1/notifications?status=failed"));
        assertThat(listed.toString()).contains("no Slack integration is configured");
    }

    @Test
    void metricsOverHttpDriveAFiveXxTaskToCritical() {
        empty(call("POST", "/task/5xx", "{\"app\": \"billing-prod\", \"tolerance\": \"medium\", \"post\": \""
                + HOOK + "\"}"), 201);
        for (int i = 0; i < 3; i++) { // quiet: 0 errors of 100 requests each minute
            HttpResponse<String> r = send(request("/api/v1/apps/billing-prod/metrics").header("X-API-Key", METRICS_KEY)
                    .POST(BodyPublishers.ofString("[{\"metric\": \"http_requests\", \"value\": 100, \"dyno\":"
                            + " \"web.1\"}, {\"metric\": \"http_5xx\", \"value\": 0, \"dyno\": \"web.1\"}]")));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(json(r).get("accepted").asInt()).isEqualTo(2);
            clock.advance(Duration.ofMinutes(1));
            vigil.tick();
        }
        HttpResponse<String> burst = send(request("/api/v1/apps/billing-prod/metrics").header("X-API-Key",
                METRICS_KEY).POST(BodyPublishers.ofString("{\"metric\": \"http_5xx\", \"value\": \"40\", \"dyno\":"
                + " \"web.2\", \"timestamp\": \"2025-01-15T12:03:10Z\"}")));
        assertThat(burst.statusCode()).as(burst.body()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        vigil.tick();
        JsonNode state = json(adminGet("/task/5xx/billing-prod/state"));
        assertThat(state.get("state").asText()).isEqualTo("CRITICAL");
        assertThat(state.get("value").asDouble()).isEqualTo(40);
        assertThat(state.get("sigma").isNull()).as("no variation before: infinitely many sigmas").isTrue();
        assertThat(state.get("error_rate").asDouble()).isEqualTo(40.0 / 300);
        assertThat(state.get("since").asText()).isEqualTo("2025-01-15T12:04:00Z");
    }

    @Test
    void dataInValidatesEverySampleAndRecordsAllOrNothing() {
        String url = "/api/v1/apps/billing-prod/metrics";
        assertThat(error(adminPost(url, "[{\"metric\": \"http_5xx\", \"value\": 1}, {\"metric\": \"http_5xx\","
                + " \"value\": \"many\"}]"), 400)).startsWith("[1] value: must be a number");
        assertThat(error(adminPost(url, "{\"metric\": \"cpu\", \"value\": 1}"), 400))
                .startsWith("metric: must be http_requests, http_5xx or memory_mb");
        assertThat(error(adminPost(url, "{\"value\": 1}"), 400)).startsWith("metric: is required");
        assertThat(error(adminPost(url, "{\"metric\": \"memory_mb\", \"value\": 1}"), 400))
                .startsWith("dyno: is required");
        assertThat(error(adminPost(url, "{\"metric\": \"http_5xx\", \"value\": -1}"), 400)).startsWith("value:");
        assertThat(error(adminPost(url, "{\"metric\": \"http_5xx\", \"value\": 1, \"timestamp\": \"yesterday\"}"),
                400)).startsWith("timestamp: must be epoch milliseconds or ISO-8601");
        assertThat(error(adminPost(url, "{\"metric\": \"http_5xx\", \"value\": 1, \"timestamp\": 1}"), 400))
                .startsWith("timestamp:").contains("older than 24 hours");
        assertThat(error(adminPost(url, "[]"), 400)).contains("no sample");
        assertThat(error(adminPost(url, "\"x\""), 400)).contains("array");
        assertThat(error(adminPost("/api/v1/apps/bad%20app/metrics", "{\"metric\": \"http_5xx\", \"value\": 1}"),
                400)).startsWith("app:");
        assertThat(error(adminPost("/api/v1/apps/billing-prod/crashes", "{\"dyno\": [1]}"), 400))
                .startsWith("dyno: must be a string");
        assertThat(error(adminPost("/api/v1/apps/billing-prod/releases", "[]"), 400)).contains("JSON object");
        assertThat(error(send(request(url).POST(BodyPublishers.ofString("{}"))), 401)).isNotEmpty();

        HttpResponse<String> ok = adminPost(url, "{\"metric\": \"memory_mb\", \"value\": 120.5, \"dyno\": \"web.1\","
                + " \"timestamp\": " + clock.millis() + "}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        HttpResponse<String> crash = adminPost("/api/v1/apps/billing-prod/crashes",
                "{\"dyno\": \"web.1\", \"reason\": \"R14\", \"timestamp\": \"2025-01-15T11:59:00Z\"}");
        assertThat(crash.statusCode()).as(crash.body()).isEqualTo(200);
        HttpResponse<String> release = adminPost("/api/v1/apps/billing-prod/releases",
                "{\"version\": \"v12\", \"description\": \"Deploy 1a2b\"}");
        assertThat(release.statusCode()).as(release.body()).isEqualTo(200);
        assertThat(json(release).get("app").asText()).isEqualTo("billing-prod");
    }

    @Test
    void statusOfEveryAnswerCarriesNoStackTrace() {
        HttpResponse<String> r = call("POST", "/task/memory", "{\"app\": \"a\", \"dynotype\": \"web\", \"warn\": "
                + "\"1e400\", \"crit\": \"2\", \"window\": \"1h\", \"every\": \"1m\", \"post\": \"" + HOOK + "\"}");
        assertThat(error(r, 400)).startsWith("warn:");
    }
}
