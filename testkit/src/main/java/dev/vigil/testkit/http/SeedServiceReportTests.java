package dev.vigil.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.http.VigilHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every curl of seed 000 ("Push Endpoints"), run with the real {@code curl} binary through {@code /bin/sh} exactly as
 * the seed writes it, but for the host ({@code https://api.yourdomain.com} becomes the test server) and the key (the
 * seed's {@code $OPERATOR_API_KEY} and {@code $API_KEY} are set in the environment to a key with scope
 * {@code reports.write}). A {@code .curlrc} (through {@code CURL_HOME}) adds {@code --write-out} for the status and
 * {@code --verbose} for the request headers, so the command lines stay the seed's own.
 */
public abstract class SeedServiceReportTests extends HttpApiTestBase {
    /** The key the seed's pushes carry: limited to the report routes. */
    public static final String REPORTS_KEY = "test-reports-key-0123456789abcdef";
    private static final String SEED_HOST = "https://api.yourdomain.com";
    private static final String STATUS_MARK = "\n--http-status:";

    // ---- the seed's command lines, verbatim (Java escapes: \\ is one backslash) ----

    public static final String HEALTH_PUSH = """
            curl -X POST https://api.yourdomain.com/api/v1/health/report \\
            -H "X-API-Key: $OPERATOR_API_KEY" \\
            -H "Content-Type: application/json" \\
            -d '{
            "path": "myorg/infra/prod/baremetal/galera-node1",
            "status": "OPERATIONAL",
            "message": "wsrep_cluster_size=3",
            "criticality": "critical",
            "slaGroup": "database-cluster",
            "serviceType": "database",
            "tags": ["database", "baremetal"]
            }'
            """;

    public static final String STORAGE_PUSH = """
            curl -X POST https://api.yourdomain.com/api/v1/storage/report \\
            -H "X-API-Key: $OPERATOR_API_KEY" \\
            -H "Content-Type: application/json" \\
            -d '{
            "path": "myorg/platform/prod/cluster1/postgresql",
            "allocatedBytes": 107374182400,
            "usedBytes": 53687091200,
            "storageType": "pvc",
            "mountPath": "/var/lib/postgresql"
            }'
            """;

    public static final String BACKUP_PUSH = """
            curl -X POST https://api.yourdomain.com/api/v1/backup/report \\
            -H "X-API-Key: $OPERATOR_API_KEY" \\
            -H "Content-Type: application/json" \\
            -d '{
            "path": "myorg/platform/prod/cluster1/postgresql",
            "status": "success",
            "sizeBytes": 5242880,
            "message": "pg_dump completed"
            }'
            """;

    /**
     * The CronJob's curl (its {@code args} block); {@code STATUS} comes from the environment instead of the
     * {@code nc} probe on the line before it, which is no curl.
     */
    public static final String CRONJOB_PUSH = """
            curl -sfX POST https://api.yourdomain.com/api/v1/health/report \\
              -H "X-API-Key: $API_KEY" \\
              -d "{
                \\"path\\":\\"myorg/infra/prod/baremetal/galera-node1\\",
                \\"status\\":\\"$STATUS\\",
                \\"slaGroup\\":\\"database-cluster\\",
                \\"criticality\\":\\"critical\\",
                \\"serviceType\\":\\"database\\"
              }"
            """;

    private Path curlHome;

    @Override
    protected VigilHttp.Builder configure(VigilHttp.Builder http) {
        return super.configure(http).apiKey(REPORTS_KEY, "reports.write");
    }

    @BeforeAll
    void curlConfig() throws IOException {
        curlHome = Files.createTempDirectory("vigil-curl-home");
        Files.writeString(curlHome.resolve(".curlrc"), "write-out = \"" + STATUS_MARK.replace("\n", "\\n")
                + "%{http_code}\"\nverbose\n", StandardCharsets.UTF_8);
    }

    @AfterAll
    void removeCurlConfig() throws IOException {
        Files.deleteIfExists(curlHome.resolve(".curlrc"));
        Files.deleteIfExists(curlHome);
    }

    /** What curl did: its exit code, the response status and body, and the request headers it sent. */
    record Curl(int exit, int status, String body, List<String> requestHeaders, String stderr) {
        String requestHeader(String name) {
            String prefix = name.toLowerCase() + ":";
            return requestHeaders.stream().filter(h -> h.toLowerCase().startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).strip()).findFirst().orElse(null);
        }
    }

    /** Runs a seed command line with {@code /bin/sh}, pointed at the test server, with {@code env} set. */
    Curl curl(String seedCommand, Map<String, String> env) {
        assertThat(seedCommand).contains(SEED_HOST);
        String command = seedCommand.replace(SEED_HOST, base);
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command);
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.toLowerCase().endsWith("_proxy") || k.startsWith("CURL"));
        e.put("no_proxy", "*");
        e.put("CURL_HOME", curlHome.toString());
        e.put("HOME", curlHome.toString());
        e.putAll(env);
        try {
            Path out = Files.createTempFile(curlHome, "out", ".txt");
            Path err = Files.createTempFile(curlHome, "err", ".txt");
            try {
                Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("curl finished").isTrue();
                String stdout = Files.readString(out, StandardCharsets.UTF_8);
                String stderr = Files.readString(err, StandardCharsets.UTF_8);
                int mark = stdout.lastIndexOf(STATUS_MARK);
                assertThat(mark).as("status mark in: " + stdout + "\n" + stderr).isGreaterThanOrEqualTo(0);
                List<String> sent = new ArrayList<>();
                for (String line : stderr.split("\r?\n")) {
                    if (line.startsWith("> ")) {
                        sent.add(line.substring(2));
                    }
                }
                return new Curl(p.exitValue(), Integer.parseInt(stdout.substring(mark + STATUS_MARK.length()).strip()),
                        stdout.substring(0, mark), sent, stderr);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    Curl seedCurl(String seedCommand) {
        return curl(seedCommand, Map.of("OPERATOR_API_KEY", REPORTS_KEY));
    }

    Curl cronJob(String status) {
        return curl(CRONJOB_PUSH, Map.of("API_KEY", REPORTS_KEY, "STATUS", status));
    }

    private static void ok(Curl c, String expectedBody) {
        assertThat(c.exit()).as(c.stderr()).isZero();
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        assertThat(c.body()).isEqualTo(expectedBody);
    }

    private JsonNode service(String path) {
        var r = adminGet("/api/v1/services/" + path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    // ---- health push ----

    @Test
    void healthPushCreatesThenUpdatesTheService() {
        Curl first = seedCurl(HEALTH_PUSH);
        assertThat(first.requestHeader("Content-Type")).isEqualTo("application/json");
        assertThat(first.requestHeader("X-API-Key")).isEqualTo(REPORTS_KEY);
        ok(first, "{\"path\":\"myorg/infra/prod/baremetal/galera-node1\",\"created\":true,\"status\":\"OPERATIONAL\","
                + "\"warnings\":[]}");

        clock.advance(java.time.Duration.ofMinutes(1));
        ok(seedCurl(HEALTH_PUSH), "{\"path\":\"myorg/infra/prod/baremetal/galera-node1\",\"created\":false,"
                + "\"status\":\"OPERATIONAL\",\"warnings\":[]}");

        JsonNode s = service("myorg/infra/prod/baremetal/galera-node1");
        assertThat(s.get("path").asText()).isEqualTo("myorg/infra/prod/baremetal/galera-node1");
        assertThat(List.of(s.get("org").asText(), s.get("domain").asText(), s.get("env").asText(),
                s.get("cluster").asText(), s.get("service").asText()))
                .containsExactly("myorg", "infra", "prod", "baremetal", "galera-node1");
        assertThat(s.get("status").asText()).isEqualTo("OPERATIONAL");
        assertThat(s.get("status_reason").asText()).isEqualTo("report");
        assertThat(s.get("status_since").asText()).isEqualTo("2025-01-15T12:00:00Z");
        assertThat(s.get("last_health_report_at").asText()).isEqualTo("2025-01-15T12:01:00Z");
        assertThat(s.get("message").asText()).isEqualTo("wsrep_cluster_size=3");
        assertThat(s.get("criticality").asText()).isEqualTo("critical");
        assertThat(s.get("sla_group").asText()).isEqualTo("database-cluster");
        assertThat(s.get("service_type").asText()).isEqualTo("database");
        assertThat(s.get("namespace").isNull()).isTrue();
        assertThat(texts(s.get("tags"))).containsExactly("baremetal", "database");
        assertThat(s.get("storage").isNull()).isTrue();
        assertThat(s.get("backup").get("expected").asBoolean()).isFalse();
        assertThat(s.get("backup").get("alert").asText()).isEqualTo("NONE");
        assertThat(s.get("stale_after").asLong()).isEqualTo(300);
        assertThat(s.get("misconfigured_reports").asLong()).isZero();
        assertThat(s.get("created_at").asText()).isEqualTo("2025-01-15T12:00:00Z");
        assertThat(s.get("last_report_at").asText()).isEqualTo("2025-01-15T12:01:00Z");
        // nothing was declared: reported attributes are in effect, the declaration is empty
        assertThat(s.get("declared").get("criticality").isNull()).isTrue();
        assertThat(s.get("declared").get("tags")).isEmpty();
        assertThat(s.has("slaGroup")).as("the read API is snake_case").isFalse();
    }

    // ---- storage push ----

    @Test
    void storagePushGivesLevelAndFreePercentAndTheStorageTag() {
        Curl first = seedCurl(STORAGE_PUSH);
        assertThat(first.requestHeader("Content-Type")).isEqualTo("application/json");
        ok(first, "{\"path\":\"myorg/platform/prod/cluster1/postgresql\",\"created\":true,\"status\":\"UNKNOWN\","
                + "\"level\":\"healthy\",\"freePercent\":50.0,\"warnings\":[]}");
        ok(seedCurl(STORAGE_PUSH), "{\"path\":\"myorg/platform/prod/cluster1/postgresql\",\"created\":false,"
                + "\"status\":\"UNKNOWN\",\"level\":\"healthy\",\"freePercent\":50.0,\"warnings\":[]}");

        JsonNode s = service("myorg/platform/prod/cluster1/postgresql");
        assertThat(s.get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(s.get("status_reason").asText()).isEqualTo("none");
        assertThat(texts(s.get("tags"))).containsExactly("storage");
        JsonNode st = s.get("storage");
        assertThat(st.get("level").asText()).isEqualTo("healthy");
        assertThat(st.get("free_percent").asDouble()).isEqualTo(50.0);
        assertThat(st.get("allocated_bytes").asLong()).isEqualTo(107374182400L);
        assertThat(st.get("used_bytes").asLong()).isEqualTo(53687091200L);
        assertThat(st.get("storage_type").asText()).isEqualTo("pvc");
        assertThat(st.get("mount_path").asText()).isEqualTo("/var/lib/postgresql");
        assertThat(st.get("reported_at").asText()).isEqualTo("2025-01-15T12:00:00Z");
        // on the Storage tab
        JsonNode tagged = json(adminGet("/api/v1/services?tag=storage"));
        assertThat(tagged.get("services")).extracting(n -> n.get("path").asText())
                .containsExactly("myorg/platform/prod/cluster1/postgresql");
    }

    // ---- backup push ----

    @Test
    void backupPushByPathRecordsTheBackupAndExpectsMore() {
        Curl first = seedCurl(BACKUP_PUSH);
        assertThat(first.requestHeader("Content-Type")).isEqualTo("application/json");
        ok(first, "{\"paths\":[\"myorg/platform/prod/cluster1/postgresql\"],\"status\":\"success\",\"warnings\":[]}");
        clock.advance(java.time.Duration.ofHours(24));
        ok(seedCurl(BACKUP_PUSH),
                "{\"paths\":[\"myorg/platform/prod/cluster1/postgresql\"],\"status\":\"success\",\"warnings\":[]}");

        JsonNode b = service("myorg/platform/prod/cluster1/postgresql").get("backup");
        assertThat(b.get("expected").asBoolean()).isTrue();
        assertThat(b.get("max_age").asLong()).isEqualTo(26 * 3600);
        assertThat(b.get("alert").asText()).isEqualTo("OK");
        assertThat(b.get("last_status").asText()).isEqualTo("success");
        assertThat(b.get("size_bytes").asLong()).isEqualTo(5242880);
        assertThat(b.get("message").asText()).isEqualTo("pg_dump completed");
        assertThat(b.get("last_report_at").asText()).isEqualTo("2025-01-16T12:00:00Z");
        assertThat(b.get("last_good_at").asText()).isEqualTo("2025-01-16T12:00:00Z");
    }

    @Test
    void storageThenBackupPushLandOnTheSameService() {
        ok(seedCurl(STORAGE_PUSH), "{\"path\":\"myorg/platform/prod/cluster1/postgresql\",\"created\":true,"
                + "\"status\":\"UNKNOWN\",\"level\":\"healthy\",\"freePercent\":50.0,\"warnings\":[]}");
        ok(seedCurl(BACKUP_PUSH),
                "{\"paths\":[\"myorg/platform/prod/cluster1/postgresql\"],\"status\":\"success\",\"warnings\":[]}");
        JsonNode s = service("myorg/platform/prod/cluster1/postgresql");
        assertThat(s.get("storage").get("level").asText()).isEqualTo("healthy");
        assertThat(s.get("backup").get("last_status").asText()).isEqualTo("success");
        assertThat(texts(s.get("tags"))).containsExactly("storage");
        assertThat(json(adminGet("/api/v1/services")).get("services")).hasSize(1);
    }

    // ---- the CronJob: curl -sf -d, so a form Content-Type ----

    @Test
    void cronJobPushWithCurlsFormContentType() {
        Curl down = cronJob("DOWN");
        assertThat(down.requestHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(down.requestHeader("X-API-Key")).isEqualTo(REPORTS_KEY);
        ok(down, "{\"path\":\"myorg/infra/prod/baremetal/galera-node1\",\"created\":true,\"status\":\"DOWN\","
                + "\"warnings\":[]}");

        clock.advance(java.time.Duration.ofMinutes(1)); // schedule: "*/1 * * * *"
        ok(cronJob("OPERATIONAL"), "{\"path\":\"myorg/infra/prod/baremetal/galera-node1\",\"created\":false,"
                + "\"status\":\"OPERATIONAL\",\"warnings\":[]}");

        JsonNode s = service("myorg/infra/prod/baremetal/galera-node1");
        assertThat(s.get("status").asText()).isEqualTo("OPERATIONAL");
        assertThat(s.get("status_since").asText()).isEqualTo("2025-01-15T12:01:00Z");
        assertThat(s.get("criticality").asText()).isEqualTo("critical");
        assertThat(s.get("sla_group").asText()).isEqualTo("database-cluster");
        assertThat(s.get("service_type").asText()).isEqualTo("database");
        assertThat(s.get("tags")).isEmpty();

        JsonNode history = json(adminGet("/api/v1/services/myorg/infra/prod/baremetal/galera-node1/history"));
        assertThat(history.get("path").asText()).isEqualTo("myorg/infra/prod/baremetal/galera-node1");
        assertThat(history.get("transitions")).extracting(t -> t.get("aspect").asText() + ":" + t.get("from").asText()
                + "->" + t.get("to").asText()).containsExactly("health:DOWN->OPERATIONAL", "health:UNKNOWN->DOWN");
    }

    @Test
    void cronJobAndSeedHealthPushShareTheService() {
        ok(seedCurl(HEALTH_PUSH), "{\"path\":\"myorg/infra/prod/baremetal/galera-node1\",\"created\":true,"
                + "\"status\":\"OPERATIONAL\",\"warnings\":[]}");
        ok(cronJob("DOWN"), "{\"path\":\"myorg/infra/prod/baremetal/galera-node1\",\"created\":false,"
                + "\"status\":\"DOWN\",\"warnings\":[]}");
        JsonNode s = service("myorg/infra/prod/baremetal/galera-node1");
        assertThat(s.get("status").asText()).isEqualTo("DOWN");
        // the CronJob sends no tags: those of the first push stay
        assertThat(texts(s.get("tags"))).containsExactly("baremetal", "database");
        vigil.tick();
        assertThat(sent.transitions()).extracting(t -> t.from() + "->" + t.to()).containsExactly("OPERATIONAL->DOWN");
    }

    @Test
    void cronJobFailsOnlyWhenTheKeyIsWrong() {
        // -f makes curl fail on any 4xx: with a wrong key it must, and nothing is recorded
        Curl wrong = curl(CRONJOB_PUSH, Map.of("API_KEY", "not-the-key", "STATUS", "OPERATIONAL"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.exit()).isEqualTo(22);
        assertThat(json(adminGet("/api/v1/services")).get("services")).isEmpty();
        // the admin key (full access) may push too
        Curl admin = curl(CRONJOB_PUSH, Map.of("API_KEY", API_KEY, "STATUS", "OPERATIONAL"));
        ok(admin, "{\"path\":\"myorg/infra/prod/baremetal/galera-node1\",\"created\":true,\"status\":\"OPERATIONAL\","
                + "\"warnings\":[]}");
    }
}
