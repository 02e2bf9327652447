package dev.vigil.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSRF: webhooks to loopback, link-local and private targets in every disguise are refused by a server with the
 * default policy (the receiver, listening on 127.0.0.1, never hears of them); and redirects are never followed, also
 * when private targets are allowed.
 */
class SsrfReliabilityTest extends Scenario {
    @TempDir
    Path dir;

    @Test
    void disguisedPrivateTargetsAreRefused() {
        try (Receiver receiver = new Receiver()) {
            int port = receiver.url("/").replaceAll(".*:(\\d+)/", "$1").isEmpty() ? 0 : Integer.parseInt(
                    receiver.url("/").replaceAll(".*:(\\d+)/", "$1"));
            Map<String, String> targets = new LinkedHashMap<>();
            targets.put("trailing_dot", "http://localhost.:" + port + "/a");
            targets.put("mapped_v6", "http://[::ffff:127.0.0.1]:" + port + "/b");
            targets.put("decimal", "http://2130706433:" + port + "/c");
            targets.put("octal", "http://0177.0.0.1:" + port + "/d");
            targets.put("metadata", "http://169.254.169.254/latest/meta-data");
            targets.put("loopback_v6", "http://[::1]:" + port + "/e");
            targets.put("zero_padded", "http://127.000.000.001:" + port + "/f");
            StringBuilder yaml = new StringBuilder("channels:\n");
            targets.forEach((name, url) -> yaml.append("  ").append(name).append(":\n    type: webhook\n    url: \"")
                    .append(url).append("\"\n"));
            yaml.append("monitors: []\n");
            Child c = tuned(dir, "ssrf", "memory", "--config", write(dir.resolve("vigil.yaml"), yaml.toString())
                    .toString());
            Monitor m = createMonitor(c, "{\"name\": \"ssrf\", \"config\": {\"expected_interval\": 3600},"
                    + " \"notifications\": " + Http.JSON.valueToTree(new ArrayList<>(targets.keySet())) + "}");
            assertThat(Http.post(c.url() + m.pushPath(), "{\"status\":\"error\"}").status()).isEqualTo(200);
            // forms that no URL parser agrees on are refused already when they are given: a task's post URL
            List<String> unparsable = List.of("http://0x7f.0.0.1:" + port + "/g", "http://127.1:" + port + "/h");
            for (String url : unparsable) {
                Http.Answer a = Http.post(c.url() + "/task/crashed", "{\"app\": \"ssrf\", \"post\": \"" + url + "\"}",
                        "X-API-Key", KEY);
                assertThat(a.status()).as(url + ": " + a.body()).isEqualTo(400);
            }
            Child.Poll.until(Duration.ofSeconds(30), "every target attempted and refused", () -> {
                if (!c.alive()) {
                    throw new AssertionError(c.log());
                }
                Map<String, JsonNode> byChannel = new LinkedHashMap<>();
                for (JsonNode n : notifications(c, "all")) {
                    byChannel.put(n.get("channel").asText(), n);
                }
                if (targets.keySet().stream().allMatch(ch -> byChannel.containsKey(ch)
                        && byChannel.get(ch).get("last_error").asText("").contains("refused"))) {
                    return true;
                }
                throw new AssertionError("notifications: " + byChannel.values());
            });
            for (JsonNode n : notifications(c, "all")) {
                if (n.get("channel").asText().equals("default")) {
                    continue; // the log channel
                }
                assertThat(n.get("status").asText()).as(n.toString()).isNotEqualTo("delivered");
            }
            assertThat(receiver.requests()).as("requests that reached the receiver").isEmpty();
            Report.record(new Report.Row("SSRF targets refused", targets.size() + " webhook channels + "
                    + unparsable.size() + " task post URLs", "-", targets.size() + unparsable.size(), 0, 0,
                    "localhost., [::ffff:127.0.0.1], 2130706433, 0177.0.0.1, 169.254.169.254, [::1], "
                            + "127.000.000.001 refused at delivery; 0x7f.0.0.1, 127.1 refused when given (400);"
                            + " 0 requests reached the receiver"));
        }
    }

    @Test
    void redirectsAreNotFollowed() {
        try (Receiver receiver = new Receiver(); Receiver other = new Receiver()) {
            receiver.answer(302, Map.of("Location", other.url("/internal")));
            Path config = write(dir.resolve("vigil.yaml"), String.join("\n",
                    "outbound:",
                    "  allow_private_targets: true   # even so, a redirect is not followed",
                    "channels:",
                    "  hook:",
                    "    type: webhook",
                    "    url: " + receiver.url("/hook"),
                    "monitors: []", ""));
            Child c = tuned(dir, "redirect", "memory", "--config", config.toString(), "--retries", "3:100:200");
            Monitor m = createMonitor(c, "{\"name\": \"redirected\", \"config\": {\"expected_interval\": 3600},"
                    + " \"notifications\": [\"hook\"]}");
            assertThat(Http.post(c.url() + m.pushPath(), "{\"status\":\"error\"}").status()).isEqualTo(200);
            Child.Poll.until(Duration.ofSeconds(30), "the notification failed for good", () ->
                    notifications(c, "failed").size() == 1);
            JsonNode failed = notifications(c, "failed").get(0);
            assertThat(failed.get("last_error").asText()).contains("redirects are not followed");
            assertThat(receiver.requests()).hasSize(3);
            assertThat(other.requests()).as("the redirect's target").isEmpty();
            Report.record(new Report.Row("redirects not followed", "3 attempts answered 302 to another "
                    + "(private) server", "-", 3, 0, 0, "0 requests reached the redirect's target; the entry is "
                            + "FAILED with the reason"));
        }
    }
}
