package dev.vigil.http.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.Vigil;
import dev.vigil.http.ApiError;
import dev.vigil.http.AuthScheme;
import dev.vigil.http.Exchange;
import dev.vigil.http.HttpRequest;
import dev.vigil.http.Json;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import dev.vigil.http.VigilHttp;
import dev.vigil.spi.StoreUnavailableException;
import dev.vigil.spi.VigilStore;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.testkit.FaultyStore;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Route families over a real servlet container: one registered through the builder (Dynatrace's
 * {@code {"error":{"code":…,"message":…}}}), one contributed by a module through {@code META-INF/services}
 * ({@link ContributedFamilyProvider}); every error of theirs, including 401, 403, 413, 429 and 503, has their
 * envelope, while core's families keep {@code {"error":"…"}}. Scoped API keys: from the builder and from the YAML.
 */
class RouteFamilyServletTest extends ServletTestBase {
    static final String REPORTS_KEY = "reports-only-key-0123456789";
    static final String READ_KEY = "reports-read-key-0123456789";
    static final String YAML_KEY = "yaml-tasks-key-0123456789";
    private FaultyStore faulty;
    @TempDir
    static Path dir;

    @Override
    protected String prefix() {
        return "/monitoring";
    }

    @Override
    protected VigilStore store() {
        faulty = new FaultyStore(new MemoryStore());
        return faulty;
    }

    @Override
    protected Vigil.Builder configureVigil(Vigil.Builder b) {
        try {
            Path yaml = dir.resolve("vigil.yaml");
            Files.writeString(yaml, "http:\n  api_keys:\n    - key: ${YAML_KEY}\n      scopes: [tasks.write]\n");
            return b.config(yaml).environment(java.util.Map.of("YAML_KEY", YAML_KEY));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    protected VigilHttp.Builder configure(VigilHttp.Builder http) {
        return http.apiKeys(API_KEY).apiKey(REPORTS_KEY, "reports.write").apiKey(READ_KEY, "reports.read")
                .maxBodyBytes(1024).authFailureLimit(3, Duration.ofMinutes(1)).family(dynatrace());
    }

    static RouteFamily dynatrace() {
        return RouteFamily.builder("dynatrace-test").prefix("/api/v2/test-events")
                .route(Route.authenticated("POST", "/api/v2/test-events/ingest", AuthScheme.API_KEY, "events.ingest",
                        ex -> Exchange.json(201, ex.jsonObject("an event"))))
                .route(Route.authenticated("GET", "/api/v2/test-events/{eventId}", AuthScheme.API_KEY, "reports.write",
                        ex -> {
                            throw new StoreUnavailableException("down");
                        }))
                .errors(e -> {
                    ObjectNode body = Json.object();
                    ObjectNode err = body.putObject("error");
                    err.put("code", e.status());
                    err.put("message", e.message());
                    return Exchange.json(e.status(), body, e.headers());
                })
                .build();
    }

    private static JsonNode dt(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode b = json(r);
        assertThat(b.size()).as(r.body()).isEqualTo(1);
        assertThat(b.get("error").get("code").asInt()).isEqualTo(status);
        assertThat(b.get("error").get("message").isTextual()).isTrue();
        return b.get("error");
    }

    private static JsonNode problem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode p = json(r).get("problem");
        assertThat(p).as(r.body()).isNotNull();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        return p;
    }

    @Test
    void aBuilderFamilyRendersItsOwnErrors() {
        String ingest = "/api/v2/test-events/ingest";
        assertThat(dt(send(request(ingest).POST(BodyPublishers.ofString("{}"))), 401).get("message").asText())
                .isEqualTo("Missing X-API-Key header");
        assertThat(dt(send(request(ingest).header("X-API-Key", REPORTS_KEY).POST(BodyPublishers.ofString("{}"))),
                403).get("message").asText()).isEqualTo("The credentials lack the required scope events.ingest");
        assertThat(dt(send(admin(ingest).POST(BodyPublishers.ofString("{\"a\":\"" + "x".repeat(2000) + "\"}"))),
                413).get("message").asText()).contains("limit 1024 bytes");
        assertThat(dt(send(admin(ingest).POST(BodyPublishers.ofString("[1]"))), 400).get("message").asText())
                .contains("must be a JSON object");
        assertThat(send(admin(ingest).POST(BodyPublishers.ofString("{\"a\":1}"))).statusCode()).isEqualTo(201);
        HttpResponse<String> down = send(request("/api/v2/test-events/abc").header("X-API-Key", REPORTS_KEY).GET());
        assertThat(dt(down, 503).get("message").asText()).isEqualTo("Storage is unavailable; try again later");
        assertThat(down.headers().firstValue("Retry-After")).contains("5");
        assertThat(dt(send(request("/api/v2/test-events/a/b").GET()), 404).get("message").asText()).startsWith("Not found");
        HttpResponse<String> mna = send(request("/api/v2/test-events/abc").DELETE());
        assertThat(dt(mna, 405).get("message").asText()).contains("DELETE");
        assertThat(mna.headers().firstValue("Allow")).contains("GET, HEAD, OPTIONS");
        for (int i = 0; i < 3; i++) {
            dt(send(request(ingest).header("X-API-Key", "wrong-key-0123456789").POST(BodyPublishers.ofString("{}"))),
                    401);
        }
        HttpResponse<String> throttled = send(request(ingest).POST(BodyPublishers.ofString("{}")));
        assertThat(dt(throttled, 429).get("message").asText()).startsWith("Too many failed authentication attempts");
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        // core's families keep their shape meanwhile
        assertThat(error(get("/api/nothing"), 404)).startsWith("Not found");
    }

    @Test
    void aModuleContributedFamilyIsFoundThroughServiceLoader() {
        String report = "/api/contrib/report";
        JsonNode p = problem(send(request(report).POST(BodyPublishers.ofString("{}"))), 401);
        assertThat(p.get("cause").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(p.get("route").asText()).isEqualTo(report);
        assertThat(problem(send(request(report).header("X-API-Key", READ_KEY).POST(BodyPublishers.ofString("{}"))),
                403).get("detail").asText()).isEqualTo("The credentials lack the required scope reports.write");
        assertThat(problem(send(request(report).header("X-API-Key", REPORTS_KEY)
                .POST(BodyPublishers.ofString("x".repeat(5000)))), 413).get("cause").asText()).isEqualTo("TOO_LARGE");
        // curl -d: form-encoded Content-Type, JSON text; "7" coerced, an unknown field warned
        HttpResponse<String> ok = send(request(report).header("X-API-Key", REPORTS_KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("{\"name\":\"db\",\"value\":\"7\",\"colour\":\"red\"}")));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"name\":\"db\",\"value\":7,\"warnings\":[\"unknown field 'colour' was "
                + "ignored\"]}");
        // no Content-Type at all
        assertThat(send(request(report).header("X-API-Key", REPORTS_KEY).POST(BodyPublishers.ofString("{}")))
                .statusCode()).isEqualTo(200);
        assertThat(problem(send(request(report).header("X-API-Key", REPORTS_KEY)
                .POST(BodyPublishers.ofString("name=db&value=7"))), 400).get("cause").asText())
                .isEqualTo("BAD_REQUEST");
        faulty.mode(FaultyStore.Mode.UNAVAILABLE);
        JsonNode unavailable = problem(send(request("/api/contrib/monitors/x").header("X-API-Key", READ_KEY).GET()),
                503);
        assertThat(unavailable.get("route").asText()).isEqualTo("/api/contrib/monitors/{name}");
        assertThat(unavailable.get("detail").asText()).doesNotContain("db.internal");
        faulty.mode(FaultyStore.Mode.OK);
        assertThat(problem(send(request("/api/contrib/nothing").GET()), 404).get("route").isNull()).isTrue();
        for (int i = 0; i < 3; i++) {
            problem(send(request(report).header("X-API-Key", "wrong-key-0123456789")
                    .POST(BodyPublishers.ofString("{}"))), 401);
        }
        assertThat(problem(send(request(report).header("X-API-Key", REPORTS_KEY).POST(BodyPublishers.ofString("{}"))),
                429).get("cause").asText()).isEqualTo("THROTTLED");
    }

    @Test
    void scopedKeysAreRefusedOnTheAdminApiWithTheScopeNamed() {
        for (String key : new String[] {REPORTS_KEY, READ_KEY, YAML_KEY}) {
            HttpResponse<String> r = send(request("/api/v1/monitors").header("X-API-Key", key).GET());
            assertThat(error(r, 403)).as(key).isEqualTo("The credentials lack the required scope admin");
        }
        // a key configured without scopes keeps full access: the admin API and every family
        assertThat(adminGet("/api/v1/monitors").statusCode()).isEqualTo(200);
        assertThat(send(admin("/api/contrib/report").POST(BodyPublishers.ofString("{}"))).statusCode())
                .isEqualTo(200);
        assertThat(send(admin("/api/contrib/monitors/x").GET()).statusCode()).isEqualTo(200);
        // the YAML's key is known (403, not 401) and limited to its scope
        assertThat(problem(send(request("/api/contrib/report").header("X-API-Key", YAML_KEY)
                .POST(BodyPublishers.ofString("{}"))), 403).get("detail").asText()).contains("reports.write");
    }

    @Test
    void rejectAnswersInTheFamilyOfThePath() {
        VigilHttp http = configure(VigilHttp.builder(vigil)).build();
        HttpRequest contrib = HttpRequest.builder("POST", "/api/contrib/report").remoteAddress("127.0.0.1").build();
        dev.vigil.http.HttpResponse r = http.reject(contrib, 408, "too slow");
        assertThat(r.status()).isEqualTo(408);
        assertThat(r.header("Connection")).contains("close");
        assertThat(r.bodyText()).isEqualTo("{\"problem\":{\"status\":408,\"detail\":\"too slow\",\"cause\":\"TIMEOUT\","
                + "\"route\":\"/api/contrib/report\"}}");
        assertThat(http.reject(HttpRequest.builder("GET", "/api/v1/monitors").build(), 413, "big").bodyText())
                .isEqualTo("{\"error\":\"big\"}");
        assertThatThrownBy(() -> http.reject(contrib, 200, "fine")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> http.reject(contrib, 408, null)).isInstanceOf(NullPointerException.class);
        assertThat(http.families()).extracting(RouteFamily::name).containsExactly("push", "health", "monitors",
                "notifications", "silences", "services", "tasks", "apps", "canopsis-heartbeats", "dynatrace-api-v2",
                "entities", "openapi", "dynatrace-test", "contrib");
    }

    @Test
    void badBuilderInputIsRefused() {
        assertThatThrownBy(() -> VigilHttp.builder(vigil).apiKey("short key with spaces ", "a"))
                .hasMessageContaining("API key must be");
        assertThatThrownBy(() -> VigilHttp.builder(vigil).apiKey(API_KEY, "bad scope"))
                .hasMessageContaining("scope");
        assertThatThrownBy(() -> VigilHttp.builder(vigil).apiKey(API_KEY, (String[]) null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> VigilHttp.builder(vigil).apiKeys(API_KEY).apiKey(API_KEY, "reports.write"))
                .hasMessageContaining("configured twice with different scopes");
        assertThatThrownBy(() -> VigilHttp.builder(vigil).apiKeyHash("sha256:nope", "a"))
                .hasMessageContaining("sha256:");
        assertThatThrownBy(() -> VigilHttp.builder(vigil).family(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> VigilHttp.builder(vigil).family(dynatrace()).family(dynatrace()).build())
                .hasMessageContaining("two route families are named dynatrace-test");
        RouteFamily clash = RouteFamily.of("clash", java.util.List.of(Route.open("GET", "/api/v1/monitors/{x}",
                ex -> Exchange.noContent())));
        assertThatThrownBy(() -> VigilHttp.builder(vigil).family(clash).build())
                .hasMessageContaining("two routes for GET /api/v1/monitors/{}").hasMessageContaining("family monitors")
                .hasMessageContaining("family clash");
        // the same key twice with the same scopes is fine; discovery can be turned off
        VigilHttp quiet = VigilHttp.builder(vigil).apiKeys(API_KEY).apiKeys(API_KEY).discoverFamilies(false).build();
        assertThat(quiet.families()).extracting(RouteFamily::name).doesNotContain("contrib");
        assertThat(ApiError.Cause.of(408)).isEqualTo(ApiError.Cause.TIMEOUT);
    }
}
