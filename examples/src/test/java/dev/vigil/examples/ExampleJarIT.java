package dev.vigil.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar, as a user runs it: {@code java -jar vigil-examples.jar} in an empty directory, without
 * {@code --config}, uses the demo configuration packed inside it; a push to a demo monitor works. Runs after
 * {@code package} (maven-failsafe), on the jar the build just made.
 */
class ExampleJarIT {
    private static final String KEY = "example-jar-it-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void theJarRunsFromAnyDirectoryWithTheDemoConfigurationInside() throws Exception {
        Path jar = Path.of(System.getProperty("vigil.examples.jar", "target/vigil-examples.jar")).toAbsolutePath();
        assertThat(jar).isRegularFile();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port", "0", "--db", "memory").directory(dir.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("VIGIL_"));
        env.put("VIGIL_API_KEY", KEY);
        Process p = pb.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> seen = new ArrayList<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "example-jar-output");
        pump.setDaemon(true);
        pump.start();
        try {
            String pushUrl = null;
            String config = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (pushUrl == null && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    assertThat(p.isAlive()).as("the jar exited early:\n" + String.join("\n", seen)).isTrue();
                    continue;
                }
                seen.add(line);
                if (line.startsWith("  config: ")) {
                    config = line;
                }
                if (line.startsWith("  Demo heartbeat: http://")) {
                    pushUrl = line.substring("  Demo heartbeat: ".length()).strip();
                }
            }
            assertThat(pushUrl).as("a push URL for the demo monitor in:\n" + String.join("\n", seen)).isNotNull();
            assertThat(config).contains("the demo configuration in the jar").contains("monitors)");

            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> pushed = client.send(HttpRequest.newBuilder(URI.create(pushUrl))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"status\": \"success\", \"message\": \"from the IT\"}"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
            assertThat(JSON.readTree(pushed.body()).get("success").asBoolean()).isTrue();

            String base = pushUrl.substring(0, pushUrl.indexOf("/api/push/"));
            HttpResponse<String> listed = client.send(HttpRequest.newBuilder(URI.create(base
                    + "/api/v1/monitors?group=Demo")).header("X-API-Key", KEY).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode monitor = JSON.readTree(listed.body()).get("monitors").get(0);
            assertThat(monitor.get("name").asText()).isEqualTo("Demo heartbeat");
            assertThat(monitor.get("status").asText()).isEqualTo("UP");
            assertThat(monitor.get("last_push_message").asText()).isEqualTo("from the IT");
            // the shaded jar kept every module's OpenAPI fragment (core's, the status page's, the example's own)
            HttpResponse<String> openapi = client.send(HttpRequest.newBuilder(URI.create(base + "/openapi.yaml"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(openapi.statusCode()).isEqualTo(200);
            assertThat(dev.vigil.testkit.http.OpenApiContract.documented(
                    new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(openapi.body())))
                    .contains("POST /api/push/{monitor_id}/{secret_key}", "GET /status", "GET /badge/{file}",
                            "GET /metrics");
            try (Stream<Path> left = Files.list(dir)) {
                assertThat(left).as("nothing written to the working directory").isEmpty();
            }
        } finally {
            p.destroy(); // SIGTERM: the server stops cleanly
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
