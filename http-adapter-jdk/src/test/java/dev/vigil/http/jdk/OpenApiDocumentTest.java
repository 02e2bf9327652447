package dev.vigil.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.Vigil;
import dev.vigil.http.Exchange;
import dev.vigil.http.Json;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import dev.vigil.http.VigilHttp;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.testkit.ManualClock;
import dev.vigil.testkit.http.OpenApiContract;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /openapi.yaml}: served publicly over a real server, a valid OpenAPI 3.1 document (swagger-parser), with
 * exactly the registered routes; a contributed family documents itself with its fragment, and the contract check
 * fails for a route without documentation or documentation without a route.
 */
class OpenApiDocumentTest {
    private Vigil vigil;

    @BeforeEach
    void vigil() {
        vigil = Vigil.builder().store(new MemoryStore()).clock(ManualClock.at("2025-01-15T12:00:00Z")).build();
    }

    @AfterEach
    void close() {
        vigil.close();
    }

    private static RouteFamily family(String name, String template) {
        return RouteFamily.of(name, List.of(Route.open("GET", template, ex -> Exchange.json(200, Json.object()))));
    }

    private static RouteFamily posts(String name, String... templates) {
        return RouteFamily.of(name, java.util.Arrays.stream(templates).map(t -> Route.open("POST", t,
                ex -> Exchange.json(200, Json.object()))).toList());
    }

    @Test
    void everyRouteOfCoreIsDocumentedAndNothingElse() {
        VigilHttp http = VigilHttp.builder(vigil).apiKeys("openapi-key-0123456789abcdef").build();
        OpenApiContract.assertDocumentsEveryRoute(http);
        // the check sees every family: seeds 000-004 and Vigil's own API
        assertThat(OpenApiContract.registered(http)).contains("GET /api/push/{monitor_id}/{secret_key}",
                "POST /api/v1/health/report", "POST /e/{environment-id}/api/v2/events/ingest", "POST /api/v2/heartbeat",
                "GET /task/5xx/{app}/state", "DELETE /task/memory/{app}/{dyno}", "GET /openapi.yaml", "GET /readyz")
                .hasSizeGreaterThan(70);
    }

    @Test
    void servedPubliclyAsAValidOpenApi31Document() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        VigilHttpHandler.mount(server, "/monitoring", VigilHttp.builder(vigil).apiKeys("openapi-key-0123456789abcdef")
                .build());
        server.start();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/monitoring/openapi.yaml")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200); // no credentials needed
            assertThat(r.headers().firstValue("Content-Type")).contains("application/yaml; charset=utf-8");
            SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(r.body());
            assertThat(parsed.getMessages()).as("swagger-parser's findings").isEmpty();
            assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
            assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes()).containsOnlyKeys("apiKey", "apiToken",
                    "basic");
            assertThat(parsed.getOpenAPI().getComponents().getSchemas()).containsKeys("Error", "DynatraceError",
                    "CanopsisError", "PushPayload", "Monitor", "HealthReport", "EventIngest", "MemoryTask");
            io.swagger.v3.oas.models.PathItem push = parsed.getOpenAPI().getPaths()
                    .get("/api/push/{monitor_id}/{secret_key}");
            assertThat(push.getGet().getResponses().get("200").get$ref())
                    .isEqualTo("#/components/responses/PushResult");
            // Idempotency-Key: one parameter every POST references, with its replay header, 409 and 422
            io.swagger.v3.oas.models.parameters.Parameter key = parsed.getOpenAPI().getComponents().getParameters()
                    .get("IdempotencyKey");
            assertThat(key.getIn()).isEqualTo("header");
            assertThat(key.getName()).isEqualTo("Idempotency-Key");
            assertThat(key.getSchema().getMaxLength()).isEqualTo(255);
            assertThat(push.getPost().getParameters()).extracting(io.swagger.v3.oas.models.parameters.Parameter::get$ref)
                    .containsExactly(OpenApiContract.IDEMPOTENCY_KEY_REF);
            assertThat(push.getPost().getResponses()).containsKeys("200", "409", "422");
            assertThat(push.getPost().getResponses().get("200").getHeaders()).containsOnlyKeys("Idempotent-Replayed");
            assertThat(parsed.getOpenAPI().getComponents().getResponses().get("IdempotencyInProgress").getHeaders())
                    .containsOnlyKeys("Retry-After");
            assertThat(parsed.getOpenAPI().getPaths().get("/api/v2/events/ingest").getPost().getResponses().get("422")
                    .get$ref()).isEqualTo("#/components/responses/DynatraceIdempotencyMismatch");
            assertThat(parsed.getOpenAPI().getPaths().get("/api/v2/heartbeat").getPost().getResponses().get("409")
                    .get$ref()).isEqualTo("#/components/responses/CanopsisIdempotencyInProgress");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void everyPostOfCoreDocumentsItsIdempotencyKey() {
        JsonNode doc = OpenApiContract.document(VigilHttp.builder(vigil).build());
        assertThat(OpenApiContract.idempotencyProblems(doc)).isEmpty();
        // not vacuous: every POST route of core is in the document, each checked
        long posts = OpenApiContract.documented(doc).stream().filter(r -> r.startsWith("POST ")).count();
        assertThat(posts).isGreaterThanOrEqualTo(24);
    }

    @Test
    void aContributedFamilyBringsItsFragment() {
        RouteFamily contributed = RouteFamily.of("test-contributed", List.of(
                Route.open("GET", "/api/v1/test/contributed", ex -> Exchange.json(200, Json.object())),
                Route.open("POST", "/api/v1/test/contributed", ex -> Exchange.json(200, Json.object()))));
        VigilHttp http = VigilHttp.builder(vigil).family(contributed).build();
        OpenApiContract.assertDocumentsEveryRoute(http);
        JsonNode doc = OpenApiContract.document(http);
        assertThat(doc.path("components").path("schemas").has("TestContributed")).isTrue();
        assertThat(doc.path("components").path("schemas").has("Monitor")).isTrue(); // core's stay
    }

    @Test
    void theCheckFailsForARouteWithoutDocumentation() {
        VigilHttp http = VigilHttp.builder(vigil).family(family("test-undocumented", "/api/v1/test/undocumented"))
                .build();
        assertThatThrownBy(() -> OpenApiContract.assertDocumentsEveryRoute(http)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("missing from /openapi.yaml").hasMessageContaining("GET /api/v1/test/undocumented");
    }

    @Test
    void theCheckFailsForAPostThatDoesNotDocumentItsIdempotencyKey() {
        VigilHttp http = VigilHttp.builder(vigil).family(posts("test-post-without-key", "/api/v1/test/unkeyed",
                "/api/v1/test/half-keyed")).build();
        assertThat(OpenApiContract.idempotencyProblems(OpenApiContract.document(http))).containsExactlyInAnyOrder(
                "POST /api/v1/test/unkeyed: no parameter {$ref: '#/components/parameters/IdempotencyKey'}",
                "POST /api/v1/test/unkeyed: no 409 response (a request with the same Idempotency-Key has not answered"
                        + " yet)",
                "POST /api/v1/test/unkeyed: no 422 response (the Idempotency-Key was used with a different request)",
                "POST /api/v1/test/unkeyed: response 201 has no Idempotent-Replayed header",
                "POST /api/v1/test/half-keyed: no 422 response (the Idempotency-Key was used with a different request)");
        assertThatThrownBy(() -> OpenApiContract.assertDocumentsEveryRoute(http)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Idempotency-Key").hasMessageContaining("POST /api/v1/test/unkeyed");
    }

    @Test
    void theCheckFailsForDocumentationWithoutARoute() {
        VigilHttp http = VigilHttp.builder(vigil).family(family("test-stale", "/api/v1/test/stale")).build();
        assertThatThrownBy(() -> OpenApiContract.assertDocumentsEveryRoute(http)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("not registered").hasMessageContaining("DELETE /api/v1/test/gone");
    }
}
