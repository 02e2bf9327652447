package dev.vigil.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/** What every scenario class shares: children it started (killed after each test), the report, admin helpers. */
abstract class Scenario {
    static final String KEY = "reliability-admin-key-0123456789";
    static final Size SIZE = Size.current();
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    /** Closed (children killed, schemas dropped, receivers stopped) after the test, last first. */
    <T extends AutoCloseable> T closeLater(T resource) {
        cleanup.add(0, resource);
        return resource;
    }

    @AfterEach
    void cleanUp() throws Exception {
        Exception first = null;
        for (AutoCloseable c : cleanup) {
            try {
                c.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        cleanup.clear();
        if (first != null) {
            throw first;
        }
    }

    @AfterAll
    static void writeReport() {
        Report.write();
    }

    /** A PostgreSQL schema of this test's own, dropped after it. */
    String schema() {
        Postgres.require();
        String schema = Postgres.newSchema();
        Postgres.create(schema);
        closeLater(() -> Postgres.drop(schema));
        return schema;
    }

    /**
     * Where a child's output goes: {@code reliability/target/child-logs/}, kept after the run (a temporary directory
     * would take the evidence of a failure with it). One file per name and test instance; restarts append.
     */
    Path logFile(String name) {
        Path dir = Path.of(System.getProperty("reliability.root", ".."), "reliability", "target", "child-logs");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve(getClass().getSimpleName() + "-" + name + "-" + Integer.toHexString(
                System.identityHashCode(this)) + ".log");
    }

    /** The tuned child ({@link ReliabilityServer}) on {@code db}, with extra options. */
    Child tuned(Path dir, String name, String db, String... options) {
        List<String> args = new ArrayList<>(List.of("--db", db));
        args.addAll(List.of(options));
        return closeLater(Child.start(Child.RELIABILITY_SERVER, args, Map.of("VIGIL_API_KEY", KEY),
                logFile(name)));
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A push monitor created over the admin API. */
    record Monitor(long id, String pushPath) {
    }

    static Monitor createMonitor(Child c, String body) {
        Http.Answer a = Http.post(c.url() + "/api/v1/monitors", body, "X-API-Key", KEY);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        JsonNode n = a.json();
        String pushUrl = n.get("push_url").asText();
        return new Monitor(n.get("id").asLong(), pushUrl.substring(pushUrl.indexOf("/api/push/")));
    }

    static JsonNode monitor(Child c, long id) {
        Http.Answer a = Http.get(c.url() + "/api/v1/monitors/" + id, "X-API-Key", KEY);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    static JsonNode history(Child c, long id) {
        Http.Answer a = Http.get(c.url() + "/api/v1/monitors/" + id + "/history?limit=1000", "X-API-Key", KEY);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    /** Notifications of one status ({@code pending}, {@code delivered}, {@code failed} or {@code all}). */
    static JsonNode notifications(Child c, String status) {
        Http.Answer a = Http.get(c.url() + "/api/v1/notifications?limit=1000&status=" + status, "X-API-Key", KEY);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json().get("notifications");
    }
}
