package dev.vigil.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.http.Route;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets against the example server: API keys, tokens, Basic passwords, webhook and Slack secrets, SMTP passwords
 * and push secrets are absent from its log, from every admin answer and from a dump of its database; and guessing
 * credentials is throttled.
 */
class SecretsReliabilityTest extends Scenario {
    @TempDir
    Path dir;

    @Test
    void secretsAreAbsentFromLogsAnswersAndDumps() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("VIGIL_API_KEY", KEY);
        secrets.put("VIGIL_API_TOKEN", "token-secret-Zq81x0PwLm27");
        secrets.put("VIGIL_BASIC_AUTH password", "basic-secret-Hy62vRt9Kq");
        secrets.put("HOOK_SECRET", "hook-secret-Ue83bNc1Yw");
        secrets.put("SMTP_PASSWORD", "smtp-secret-Jd47sMp2Xa");
        secrets.put("SLACK_TOKEN", "xoxb-slack-secret-Wv19qLk");
        secrets.put("PUSH_SECRET", "push-secret-Fg52tRe8Ho0123456789abcdef");
        secrets.put("REPORTS_KEY", "reports-secret-Pk30zYx7Nb");
        try (Receiver receiver = new Receiver()) {
            Path config = write(dir.resolve("vigil.yaml"), String.join("\n",
                    "outbound:",
                    "  allow_private_targets: true",
                    "http:",
                    "  api_keys:",
                    "    - key: ${REPORTS_KEY}",
                    "      scopes: [reports.write]",
                    "channels:",
                    "  hook:",
                    "    type: webhook",
                    "    url: " + receiver.url("/hook"),
                    "    secret: ${HOOK_SECRET}",
                    "  mail:",
                    "    type: email",
                    "    host: 127.0.0.1",
                    "    port: 1",
                    "    username: vigil",
                    "    password: ${SMTP_PASSWORD}",
                    "    from: vigil@example.com",
                    "    to: [oncall@example.com]",
                    "  slack:",
                    "    type: slack",
                    "    token: ${SLACK_TOKEN}",
                    "    channel: \"#ops\"",
                    "    api_url: " + receiver.url("/slack"),
                    "monitors:",
                    "  - name: configured",
                    "    secret_key: ${PUSH_SECRET}",
                    "    config: {expected_interval: 3600}",
                    "    notifications: [hook, mail, slack]",
                    "    alert_on: [down, up]", ""));
            Map<String, String> env = new LinkedHashMap<>();
            env.put("VIGIL_API_KEY", KEY);
            env.put("VIGIL_API_TOKEN", secrets.get("VIGIL_API_TOKEN"));
            env.put("VIGIL_BASIC_AUTH", "vigil:" + secrets.get("VIGIL_BASIC_AUTH password"));
            env.put("HOOK_SECRET", secrets.get("HOOK_SECRET"));
            env.put("SMTP_PASSWORD", secrets.get("SMTP_PASSWORD"));
            env.put("SLACK_TOKEN", secrets.get("SLACK_TOKEN"));
            env.put("PUSH_SECRET", secrets.get("PUSH_SECRET"));
            env.put("REPORTS_KEY", secrets.get("REPORTS_KEY"));
            Path h2 = dir.resolve("vigil");
            Child c = closeLater(Child.start(Child.EXAMPLE_SERVER, List.of("--port", "0", "--config",
                    config.toString(), "--db", "jdbc:h2:file:" + h2), env, logFile("secrets")));
            // a monitor made over HTTP: its generated secret is shown once, in the creation answer only
            Monitor made = createMonitor(c, "{\"name\": \"made\", \"config\": {\"expected_interval\": 3600},"
                    + " \"notifications\": [\"hook\", \"mail\", \"slack\"], \"alert_on\": [\"down\", \"up\"]}");
            String generated = made.pushPath().substring(made.pushPath().lastIndexOf('/') + 1);
            secrets.put("generated push secret", generated);
            String configured = "/api/push/1/" + secrets.get("PUSH_SECRET");
            // use every secret, and make every channel deliver (and fail, for mail and slack: errors get logged)
            for (String push : List.of(configured, made.pushPath())) {
                assertThat(Http.post(c.url() + push, "{\"status\":\"error\",\"message\":\"boom\"}").status())
                        .isEqualTo(200);
                assertThat(Http.post(c.url() + push, "{\"status\":\"success\"}").status()).isEqualTo(200);
            }
            assertThat(Http.post(c.url() + "/api/v1/health/report", "{\"path\": \"a/b/c/d/e\", \"status\": \"DOWN\"}",
                    "X-API-Key", secrets.get("REPORTS_KEY")).status()).isEqualTo(200);
            assertThat(Http.get(c.url() + "/api/v2/events?api-token=" + secrets.get("VIGIL_API_TOKEN")).status())
                    .isEqualTo(200);
            assertThat(Http.get(c.url() + "/api/v2/heartbeat/", "Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(env.get("VIGIL_BASIC_AUTH").getBytes(StandardCharsets.UTF_8))).status())
                    .isEqualTo(200);
            // wrong credentials that differ from the real ones by one character: error answers echo nothing
            String nearKey = KEY.substring(0, KEY.length() - 1) + "X";
            assertThat(Http.get(c.url() + "/api/v1/monitors", "X-API-Key", nearKey).body()).doesNotContain(nearKey);
            Child.Poll.until(Duration.ofSeconds(60), "the webhook deliveries and the failing mail and Slack attempts",
                    () -> receiver.requests().stream().filter(r -> r.path().equals("/hook")).count() >= 4
                            && notifications(c, "all").findValues("last_error").stream()
                                    .filter(n -> !n.isNull()).count() >= 2);
            // every admin answer: every GET route the families have, with real parameters where there are any
            List<String> answers = new ArrayList<>();
            for (Route r : HostileInputReliabilityTest.routes()) {
                if (!r.method().equals("GET") || r.template().contains("{") && !r.template().contains("{id}")
                        && !r.template().contains("{monitor_id}")) {
                    continue;
                }
                for (String id : List.of("1", String.valueOf(made.id()))) {
                    String path = r.template().replace("{id}", id).replace("{monitor_id}", id)
                            .replace("{secret_key}", "wrong");
                    answers.add(path + " " + Http.get(c.url() + path, "X-API-Key", KEY, "Authorization", "Api-Token "
                            + secrets.get("VIGIL_API_TOKEN")).body());
                }
            }
            answers.add(Http.get(c.url() + "/api/v1/notifications?status=all&limit=1000", "X-API-Key", KEY).body());
            c.stop(); // a clean stop, so the H2 file can be opened for the dump
            String log = c.log();
            String dump = h2Dump(h2);
            String file = new String(Files.readAllBytes(dir.resolve("vigil.mv.db")), StandardCharsets.ISO_8859_1);
            List<String> found = new ArrayList<>();
            for (Map.Entry<String, String> s : secrets.entrySet()) {
                if (log.contains(s.getValue())) {
                    found.add(s.getKey() + " in the log");
                }
                if (answers.stream().anyMatch(a -> a.contains(s.getValue()))) {
                    found.add(s.getKey() + " in an admin answer");
                }
                if (dump.contains(s.getValue()) || file.contains(s.getValue())) {
                    found.add(s.getKey() + " in the database");
                }
            }
            assertThat(found).as("secrets found").isEmpty();
            assertThat(log).contains("NO_PUSH_YET -> DOWN"); // the log was written and read
            assertThat(dump).containsIgnoringCase("INSERT INTO");
            Report.record(new Report.Row("secrets absent from logs, answers and dumps", secrets.size()
                    + " secrets used (API key, token, Basic password, webhook secret, SMTP password, Slack token,"
                    + " configured and generated push secrets, scoped key)", "failing mail and Slack deliveries",
                    answers.size() + 2, 0, 0, "searched: the server's whole log, " + answers.size()
                            + " admin answers (every GET route), an SQL dump and the raw H2 file: 0 found"));
        }
    }

    private static String h2Dump(Path h2) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + h2, "", "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SCRIPT")) {
            while (rs.next()) {
                sb.append(rs.getString(1)).append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void credentialBruteForceIsThrottled() {
        Path config = write(dir.resolve("vigil.yaml"), "monitors: []\n");
        Child c = closeLater(Child.start(Child.EXAMPLE_SERVER, List.of("--port", "0", "--config", config.toString(),
                "--db", "memory"), Map.of("VIGIL_API_KEY", KEY, "VIGIL_API_TOKEN", "token-0123456789abcdef",
                "VIGIL_BASIC_AUTH", "vigil:basic-0123456789abcdef"), logFile("brute")));
        String[][] schemes = {
            {"/api/v1/monitors", "X-API-Key", "wrong-key-"},
            {"/api/v2/events", "Authorization", "Api-Token wrong-token-"},
            {"/api/v2/heartbeat/", "Authorization", "Basic "},
        };
        int tried = 0;
        int firstThrottled = -1;
        for (String[] s : schemes) {
            List<Integer> statuses = new ArrayList<>();
            String retryAfter = null;
            for (int i = 0; i < 15; i++) {
                String value = s[2].equals("Basic ") ? "Basic " + Base64.getEncoder().encodeToString(("vigil:guess" + i)
                        .getBytes(StandardCharsets.UTF_8)) : s[2] + i;
                Http.Answer a = Http.get(c.url() + s[0], s[1], value);
                tried++;
                statuses.add(a.status());
                if (a.status() == 429) {
                    retryAfter = a.header("Retry-After");
                    assertThat(a.body()).doesNotContain("<html");
                }
            }
            // the limit is per client address: once throttled, every scheme is throttled for the minute
            int first = statuses.indexOf(429);
            assertThat(first).as("%s: %s", s[0], statuses).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(10);
            assertThat(statuses.subList(first, statuses.size())).containsOnly(429);
            assertThat(retryAfter).isNotNull();
            assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L);
            if (firstThrottled < 0) {
                firstThrottled = first;
            }
        }
        // the right key is throttled too while the address is (a guesser cannot tell a hit)
        assertThat(Http.get(c.url() + "/api/v1/monitors", "X-API-Key", KEY).status()).isEqualTo(429);
        Report.record(new Report.Row("credential brute force", tried + " wrong credentials over 3 schemes"
                + " (X-API-Key, Api-Token, Basic)", "-", tried, 0, 0, "429 with Retry-After from attempt "
                        + (firstThrottled + 1) + " on; then every scheme, and the right key, 429 for the minute"));
    }
}
