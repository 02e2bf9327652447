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
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example server as a real process on an H2 file: stopped with SIGTERM and started again, it keeps its monitors,
 * their ids, state and secrets.
 */
class ExampleServerRestartTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "restart-test-key-0123456789";

    /** A running server process and everything it printed up to its banner's last line. */
    private record Running(Process process, BufferedReader in, String output, String url) {
        String stop() throws Exception {
            process.toHandle().destroy(); // SIGTERM (Process.destroy() would also close our end of its output)
            StringBuilder rest = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) { // until the process closes its output
                rest.append(line).append('\n');
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            return rest.toString();
        }
    }

    private static Running start(Path dir) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ExampleServer.class.getName(), "--port", "0",
                "--config", "vigil-demo.yaml", "--db", "jdbc:h2:file:" + dir.resolve("vigil")));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("VIGIL_API_KEY", KEY);
        Process p = pb.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while ((line = in.readLine()) != null) { // blocks on the child's output, not on a timer
            out.append(line).append('\n');
            if (line.startsWith("Stop with Ctrl+C.")) {
                break;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        Matcher m = Pattern.compile("listening on (http://\\S+)/").matcher(out);
        if (!m.find()) {
            p.destroyForcibly();
            throw new AssertionError("the server did not start:\n" + out);
        }
        return new Running(p, in, out.toString(), m.group(1));
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return CLIENT.send(b.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
    }

    private static JsonNode admin(String url) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", KEY));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void monitorsIdsStateAndSecretsSurviveARestart(@TempDir Path dir) throws Exception {
        Running first = start(dir);
        String pushUrl;
        long createdId;
        String createdPush;
        try {
            Matcher m = Pattern.compile("Daily Backup Job: (http://\\S+)").matcher(first.output());
            assertThat(m.find()).as(first.output()).isTrue();
            pushUrl = m.group(1).replace(first.url(), "");
            assertThat(send(HttpRequest.newBuilder(URI.create(first.url() + pushUrl))
                    .POST(BodyPublishers.ofString("{\"status\":\"success\"}"))).statusCode()).isEqualTo(200);
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(first.url() + "/api/v1/monitors"))
                    .header("X-API-Key", KEY).POST(BodyPublishers.ofString(
                            "{\"name\": \"made over HTTP\", \"config\": {\"expected_interval\": 3600}}")));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            createdId = JSON.readTree(created.body()).get("id").asLong();
            createdPush = JSON.readTree(created.body()).get("push_url").asText().replace(first.url(), "");
        } finally {
            assertThat(first.stop()).contains("Stopped.");
        }

        Running second = start(dir);
        try {
            assertThat(second.output()).doesNotContain("Push URLs"); // nothing new was generated
            JsonNode monitors = admin(second.url() + "/api/v1/monitors").get("monitors");
            assertThat(monitors).hasSize(4);
            JsonNode daily = null;
            for (JsonNode n : monitors) {
                if (n.get("name").asText().equals("Daily Backup Job")) {
                    daily = n;
                }
            }
            assertThat(daily).isNotNull();
            assertThat(pushUrl).startsWith("/api/push/" + daily.get("id").asLong() + "/");
            assertThat(daily.get("status").asText()).isEqualTo("UP");
            assertThat(daily.get("push_count").asLong()).isEqualTo(1);
            assertThat(admin(second.url() + "/api/v1/monitors/" + createdId).get("name").asText())
                    .isEqualTo("made over HTTP");
            // the secrets were kept (as hashes): the old push URLs still work
            assertThat(send(HttpRequest.newBuilder(URI.create(second.url() + pushUrl))).statusCode()).isEqualTo(200);
            assertThat(send(HttpRequest.newBuilder(URI.create(second.url() + createdPush))).statusCode()).isEqualTo(200);
        } finally {
            second.stop();
        }
    }
}
