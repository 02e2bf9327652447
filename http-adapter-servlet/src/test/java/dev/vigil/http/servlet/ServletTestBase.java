package dev.vigil.http.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Vigil;
import dev.vigil.http.VigilHttp;
import dev.vigil.spi.VigilStore;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.testkit.ManualClock;
import dev.vigil.testkit.RecordingNotifier;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Real embedded Jetty 12 (ee10) on 127.0.0.1, one per test class, with a {@link VigilServlet} mounted at
 * {@link #mapping()}; every test gets a fresh {@link Vigil} (memory store, manual clock, recording notifier) behind
 * it. Requests go through {@link java.net.http.HttpClient}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServletTestBase {
    static final String API_KEY = "test-admin-key-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Server server;
    final SwappableServlet servlet = new SwappableServlet();
    /** The URL of the mount point, e.g. {@code http://127.0.0.1:1234/monitoring}. */
    protected String base;
    protected ManualClock clock;
    /** The default notifier: hears every transition. */
    protected RecordingNotifier sent;
    /** The {@code admin_email} channel the seed's monitor names. */
    protected RecordingNotifier email;
    protected Vigil vigil;

    /** The servlet mapping, e.g. {@code /*} or {@code /monitoring/*}. */
    protected abstract String mapping();

    /** Forwards to the current test's VigilServlet, so Jetty starts once per class. */
    static final class SwappableServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        transient volatile VigilServlet target;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            target.service(req, resp);
        }
    }

    @BeforeAll
    void startJetty() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("jetty-test");
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder(servlet);
        // both ways of reading bodies: asynchronously ahead of handling (under a prefix), lazily and blocking (at root)
        holder.setAsyncSupported(!mapping().equals("/*"));
        context.addServlet(holder, mapping());
        server.setHandler(context);
        server.start();
        String prefix = mapping().substring(0, mapping().length() - 2);
        base = "http://127.0.0.1:" + connector.getLocalPort() + prefix;
    }

    @AfterAll
    void stopJetty() throws Exception {
        server.stop();
    }

    @BeforeEach
    void newVigil() {
        clock = ManualClock.at("2025-01-15T12:00:00Z");
        sent = new RecordingNotifier();
        email = new RecordingNotifier();
        vigil = configureVigil(Vigil.builder().store(store()).clock(clock).notifier(sent)
                .channel("admin_email", email)).build();
        servlet.target = new VigilServlet(configure(VigilHttp.builder(vigil)).build());
    }

    /** The store for the next test (default: a new memory store). */
    protected VigilStore store() {
        return new MemoryStore();
    }

    /** Subclasses may change Vigil's settings. */
    protected Vigil.Builder configureVigil(Vigil.Builder b) {
        return b;
    }

    /** Subclasses may change the HTTP settings. */
    protected VigilHttp.Builder configure(VigilHttp.Builder http) {
        return http.apiKeys(API_KEY);
    }

    @AfterEach
    void closeVigil() {
        vigil.close();
    }

    // ---- HTTP helpers ----

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    }

    protected HttpRequest.Builder admin(String path) {
        return request(path).header("X-API-Key", API_KEY);
    }

    protected static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return CLIENT.send(b.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    protected HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)));
    }

    protected HttpResponse<String> adminSend(String method, String path, BodyPublisher body) {
        return send(admin(path).method(method, body));
    }

    protected HttpResponse<String> adminGet(String path) {
        return send(admin(path).GET());
    }

    protected HttpResponse<String> adminPost(String path, String json) {
        return send(admin(path).POST(BodyPublishers.ofString(json)));
    }

    protected static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    /** Asserts the status and a JSON error body, and returns the message. */
    protected static String error(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        JsonNode body = json(r);
        assertThat(body.size()).as(r.body()).isEqualTo(1);
        assertThat(body.get("error").isTextual()).as(r.body()).isTrue();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return body.get("error").asText();
    }

    /** The seed's monitor, created through the admin API; returns its JSON (with push_url and secret_key). */
    protected JsonNode createDailyBackup() {
        HttpResponse<String> r = adminPost("/api/v1/monitors", """
                {"name": "Daily Backup Job", "type": "push", "enabled": true, "group": "Maintenance Tasks",
                 "config": {"expected_interval": 86400, "grace_period": 3600, "require_payload": false},
                 "notifications": ["admin_email"], "alert_on": ["down", "up"]}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r);
    }

    /** The push path relative to the mount point, from a push_url. */
    protected String pushPath(JsonNode created) {
        String url = created.get("push_url").asText();
        assertThat(url).startsWith(base + "/api/push/");
        return url.substring(base.length());
    }
}
