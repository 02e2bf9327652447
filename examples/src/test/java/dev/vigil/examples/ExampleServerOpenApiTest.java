package dev.vigil.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vigil.http.RouteFamily;
import dev.vigil.testkit.http.OpenApiContract;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The example server's {@code /openapi.yaml}, fetched over HTTP from the running server (Jetty, under a prefix, no
 * credentials): a valid OpenAPI 3.1 document of every route it serves and nothing else: core's families, the
 * configured status page and the example's own {@code GET /metrics}, every POST with its {@code Idempotency-Key}.
 */
class ExampleServerOpenApiTest {

    @Test
    void theServedDocumentHasEveryRouteOfTheServer() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExampleServer server = ExampleServer.start(new String[] {"--port", "0", "--prefix", "/monitoring", "--db",
                "memory", "--config", "vigil-demo.yaml"}, Map.of("VIGIL_API_KEY", "openapi-admin-key-0123456789"),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/openapi.yaml")).timeout(Duration.ofSeconds(10))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/yaml; charset=utf-8");
            JsonNode served = new YAMLMapper().readTree(r.body());

            OpenApiContract.assertDocumentsEveryRoute(server.http(), served);
            // what the check compared: every family the server mounts, the example's and the status page's included
            assertThat(server.http().families()).extracting(RouteFamily::name).contains("push", "monitors",
                    "dynatrace-api-v2", "canopsis-heartbeats", "tasks", "openapi", "status-page", "prometheus");
            assertThat(OpenApiContract.registered(server.http())).contains("GET /metrics", "GET /status",
                    "GET /status/public", "GET /badge/{file}", "GET /badge/{kind}/{n1}/{n2}/{n3}/{n4}/{n5}",
                    "POST /api/push/{monitor_id}/{secret_key}", "POST /api/v2/heartbeat");
            assertThat(served.at("/paths/~1metrics/get/security").toString()).isEqualTo("[{\"apiKey\":[]}]");

            SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(r.body());
            assertThat(parsed.getMessages()).as("swagger-parser's findings").isEmpty();
            assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
            assertThat(parsed.getOpenAPI().getComponents().getResponses()).containsKeys("Badge", "BadgeNotModified",
                    "StatusPageHtml", "IdempotencyInProgress", "IdempotencyMismatch");
        }
    }
}
