package dev.vigil.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the example server's main logic in-process on port 0 and talks to it over HTTP. */
class ExampleServerTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Started(ExampleServer server, String output) {
    }

    private static Started start(Map<String, String> env, String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ExampleServer server = ExampleServer.start(args, env, out);
        return new Started(server, bytes.toString(StandardCharsets.UTF_8));
    }

    private static String printed(String output, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(output);
        assertThat(m.find()).as("output has %s:%n%s", pattern, output).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return CLIENT.send(b.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
    }

    @Test
    void pushesToADemoMonitorThroughThePrintedUrl(@TempDir Path dir) throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("vigil");
        Started s = start(Map.of(), "--port", "0", "--config", "vigil-demo.yaml", "--db", db);
        ExampleServer server = s.server();
        try {
            String out = s.output();
            assertThat(out).contains("Vigil example server listening on " + server.url() + "/")
                    .contains("store:  " + db).contains("(3 monitors)");
            String pushUrl = printed(out, "Daily Backup Job: (http://\\S+)");
            String apiKey = printed(out, "X-API-Key: (\\S+)");
            assertThat(out).contains("Authorization: Api-Token ").contains("HTTP Basic: vigil:");
            assertThat(pushUrl).startsWith(server.url() + "/api/push/");

            HttpResponse<String> push = send(HttpRequest.newBuilder(URI.create(pushUrl))
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString("{\"status\": \"success\", \"message\": \"Backup completed\"}")));
            assertThat(push.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(push.body());
            assertThat(body.get("success").asBoolean()).isTrue();
            long id = body.get("monitor_id").asLong();

            HttpResponse<String> monitor = send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/monitors/" + id))
                    .header("X-API-Key", apiKey));
            assertThat(monitor.statusCode()).isEqualTo(200);
            JsonNode m = JSON.readTree(monitor.body());
            assertThat(m.get("name").asText()).isEqualTo("Daily Backup Job");
            assertThat(m.get("status").asText()).isEqualTo("UP");
            assertThat(m.get("notifications").get(0).asText()).isEqualTo("admin_email");

            assertThat(send(HttpRequest.newBuilder(URI.create(server.url() + "/readyz"))).statusCode()).isEqualTo(200);
        } finally {
            server.close();
        }
        assertThatThrownBy(() -> send(HttpRequest.newBuilder(URI.create(server.url() + "/healthz"))))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void credentialsFromTheEnvironmentAreUsedAndNotPrinted() throws Exception {
        String key = "env-api-key-0123456789abcdef";
        Started s = start(Map.of("VIGIL_API_KEY", key, "VIGIL_API_TOKEN", "env-token-0123456789",
                "VIGIL_BASIC_AUTH", "ops:env-password", "VIGIL_BADGE_SECRET", "env-badge-secret-0123456789"),
                "--port=0", "--config=vigil-demo.yaml", "--prefix",
                "/monitoring", "--db", "memory");
        try (ExampleServer server = s.server()) {
            assertThat(server.url()).endsWith("/monitoring");
            assertThat(s.output()).doesNotContain(key).doesNotContain("env-token-0123456789")
                    .doesNotContain("env-password").doesNotContain("env-badge-secret")
                    .doesNotContain("Credentials generated");
            // the status page: behind the Basic credentials, its public part open, badges keyed by the secret
            String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("ops:env-password"
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(send(HttpRequest.newBuilder(URI.create(server.url() + "/status"))).statusCode()).isEqualTo(401);
            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(server.url() + "/status"))
                    .header("Authorization", basic));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Daily Backup Job", "Demo heartbeat", "postgresql");
            HttpResponse<String> pub = send(HttpRequest.newBuilder(URI.create(server.url() + "/status/public")));
            assertThat(pub.body()).contains("Demo heartbeat").doesNotContain("Daily Backup Job");
            assertThat(send(HttpRequest.newBuilder(URI.create(server.url()
                    + "/badge/push_monitor/Demo%20heartbeat.svg"))).body()).contains(">no push yet<");
            HttpResponse<String> list = send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/monitors"))
                    .header("X-API-Key", key));
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(list.body()).get("monitors")).hasSize(3);
            String pushUrl = printed(s.output(), "Demo heartbeat: (http://\\S+)");
            assertThat(pushUrl).startsWith(server.url() + "/api/push/");
            assertThat(send(HttpRequest.newBuilder(URI.create(pushUrl))).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void metricsAreServedInPrometheusTextFormatToTheAdminKeyOnly() throws Exception {
        String key = "env-api-key-0123456789abcdef";
        String reports = "reports-key-0123456789abcdef";
        Started s = start(Map.of("VIGIL_API_KEY", key, "VIGIL_SCOPED_API_KEYS", "reports.write:" + reports),
                "--port=0", "--config=vigil-demo.yaml", "--db", "memory");
        try (ExampleServer server = s.server()) {
            String pushUrl = printed(s.output(), "Demo heartbeat: (http://\\S+)");
            assertThat(send(HttpRequest.newBuilder(URI.create(pushUrl))).statusCode()).isEqualTo(200);
            assertThat(send(HttpRequest.newBuilder(URI.create(pushUrl + "x"))).statusCode()).isEqualTo(403);
            HttpRequest.Builder metrics = HttpRequest.newBuilder(URI.create(server.url() + "/metrics"));

            assertThat(send(metrics.copy()).statusCode()).isEqualTo(401);
            assertThat(send(metrics.copy().header("X-API-Key", reports)).statusCode()).isEqualTo(403);
            HttpResponse<String> scrape = send(metrics.copy().header("X-API-Key", key));
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).hasValue(ExampleServer.PROMETHEUS_TEXT);
            assertThat(scrape.body())
                    .contains("# TYPE vigil_pushes_total counter")
                    .contains("vigil_pushes_total{kind=\"push_monitor\",result=\"accepted\"} 1.0")
                    .contains("vigil_pushes_total{kind=\"push_monitor\",result=\"invalid_secret\"} 1.0")
                    .contains("vigil_outbox_pending_notifications ")
                    .contains("vigil_outbox_failed_notifications 0.0")
                    .contains("# TYPE vigil_tick_seconds summary")
                    .doesNotContain("Demo heartbeat");
        }
    }

    @Test
    void badCommandLinesAreExplained() {
        assertThatThrownBy(() -> start(Map.of(), "--db", "jdbc:mysql://x/y", "--config", "vigil-demo.yaml"))
                .isInstanceOf(ExampleServer.UsageException.class).hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> start(Map.of(), "--db", "postgres", "--config", "vigil-demo.yaml"))
                .hasMessageContaining("--db must be 'memory' or a JDBC URL");
        // a database that cannot be reached is a clear error at start, not a crash later
        assertThatThrownBy(() -> start(Map.of(), "--port", "0", "--config", "vigil-demo.yaml", "--db",
                "jdbc:postgresql://127.0.0.1:1/nothing?user=x&connectTimeout=2"))
                .hasMessageContaining("cannot reach its database");
        assertThatThrownBy(() -> start(Map.of(), "--port", "http")).hasMessageContaining("--port must be a number");
        assertThatThrownBy(() -> start(Map.of(), "--port")).hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> start(Map.of(), "--verbose")).hasMessageContaining("unknown option '--verbose'");
        assertThatThrownBy(() -> start(Map.of(), "--config", "missing.yaml")).hasMessageContaining("no such file");
        assertThatThrownBy(() -> start(Map.of(), "--prefix", "monitoring")).hasMessageContaining("--prefix must be");
        assertThatThrownBy(() -> start(Map.of("VIGIL_BASIC_AUTH", "nocolon"), "--port", "0", "--config",
                "vigil-demo.yaml")).hasMessageContaining("VIGIL_BASIC_AUTH must look like user:password");
    }

    @Test
    void scopedKeysFromTheEnvironmentAreLimitedToTheirScopes() throws Exception {
        String full = "env-api-key-0123456789abcdef";
        String reports = "reports-key-0123456789abcdef";
        Started s = start(Map.of("VIGIL_API_KEY", full, "VIGIL_SCOPED_API_KEYS",
                " reports.write:" + reports + "  tasks.write,reports.write:tasks-key-0123456789abcdef "), "--port=0",
                "--config=vigil-demo.yaml", "--db", "memory");
        try (ExampleServer server = s.server()) {
            assertThat(s.output()).doesNotContain(reports);
            HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/monitors"))
                    .header("X-API-Key", reports));
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).isEqualTo("{\"error\":\"The credentials lack the required scope admin\"}");
            assertThat(send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/monitors"))
                    .header("X-API-Key", full)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void badScopedKeysAreExplainedWithoutTheKey() {
        for (String bad : new String[] {"nokey", ":KEY-0123456789abcdef", "reports.write:", "a,,b:KEY-0123456789abc",
            "bad scope!:KEY-0123456789abcdef", "reports.write:KEY-0123456789abcdef admin:KEY-0123456789abcdef"}) {
            assertThatThrownBy(() -> start(Map.of("VIGIL_SCOPED_API_KEYS", bad), "--port", "0", "--config",
                    "vigil-demo.yaml", "--db", "memory")).as(bad).hasMessageContaining("VIGIL_SCOPED_API_KEYS")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("KEY-0123456789"));
        }
    }

    @Test
    void aBadConfigFileNamesTheProblem(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "monitors:\n  - name: x\n    config:\n      expected_interval: soon\n");
        assertThatThrownBy(() -> start(Map.of(), "--port", "0", "--config", bad.toString(), "--db", "memory"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("expected_interval");
    }
}
