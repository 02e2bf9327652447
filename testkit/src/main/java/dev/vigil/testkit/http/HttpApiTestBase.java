package dev.vigil.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Vigil;
import dev.vigil.http.VigilHttp;
import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.ManualClock;
import dev.vigil.testkit.RecordingNotifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the HTTP adapter suites: one real server per test class on 127.0.0.1, started by the adapter under test
 * ({@link #startServer}) with Vigil's API mounted at {@link #prefix()}; every test gets a fresh {@link Vigil} (the
 * adapter's store, a {@link ManualClock}, {@link RecordingNotifier}s) behind it. Requests go through
 * {@link java.net.http.HttpClient} (and {@link RawHttp} for what it cannot send).
 *
 * <p>An adapter module runs a suite by extending it:
 * <pre>{@code
 * class SeedPushUnderPrefixTest extends SeedPushTests {
 *     protected String prefix() { return "/monitoring"; }
 *     protected VigilStore createStore() { return new MemoryStore(); }
 *     protected TestServer startServer(String prefix, Supplier<VigilHttp> api) throws Exception {
 *         return MyAdapterTestServer.start(prefix, api);   // answers each request with api.get()
 *     }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HttpApiTestBase {
    /** The full-access admin key every suite's API is configured with (see {@link #configure}). */
    public static final String API_KEY = "test-admin-key-0123456789abcdef";
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A running server of the adapter under test; closing it stops the server. */
    public interface TestServer extends AutoCloseable {
        /** The URL of the mount point, e.g. {@code http://127.0.0.1:1234/monitoring} (no trailing slash). */
        String baseUrl();

        @Override
        void close() throws Exception;
    }

    private TestServer server;
    private volatile VigilHttp current;
    /** The URL of the mount point, e.g. {@code http://127.0.0.1:1234/monitoring}. */
    protected String base;
    protected ManualClock clock;
    /** The default notifier: hears every transition. */
    protected RecordingNotifier sent;
    /** The {@code admin_email} channel the seed's monitor names. */
    protected RecordingNotifier email;
    protected Vigil vigil;

    /** Where the API is mounted: {@code ""} (the root) or a prefix such as {@code /monitoring}. */
    protected abstract String prefix();

    /** A new, empty store; called before each test. */
    protected abstract VigilStore createStore();

    /**
     * Starts the adapter under test on 127.0.0.1 (any free port) with the API mounted at {@code prefix}; each request
     * is answered by the {@link VigilHttp} that {@code api} returns at that moment (a new one per test, so the server
     * starts once per class).
     */
    protected abstract TestServer startServer(String prefix, Supplier<VigilHttp> api) throws Exception;

    /**
     * Whether the server answers {@code Expect: 100-continue} with {@code 100 Continue} before the adapter sees the
     * request (the JDK's HttpServer does; servlet containers let the application refuse first). The final answers
     * must be the same either way.
     */
    protected boolean serverSends100ContinueItself() {
        return false;
    }

    @BeforeAll
    void startTheServer() throws Exception {
        server = startServer(prefix(), () -> current);
        base = server.baseUrl();
    }

    @AfterAll
    void stopTheServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void newVigil() {
        clock = ManualClock.at("2025-01-15T12:00:00Z");
        sent = new RecordingNotifier();
        email = new RecordingNotifier();
        vigil = configureVigil(Vigil.builder().store(store()).clock(clock).notifier(sent)
                .channel("admin_email", email)).build();
        current = configure(VigilHttp.builder(vigil)).build();
    }

    /** The store for the next test (default: {@link #createStore()}). */
    protected VigilStore store() {
        return createStore();
    }

    /** Subclasses may change Vigil's settings. */
    protected Vigil.Builder configureVigil(Vigil.Builder b) {
        return b;
    }

    /** Subclasses may change the HTTP settings. */
    protected VigilHttp.Builder configure(VigilHttp.Builder http) {
        return http.apiKeys(API_KEY);
    }

    /** The API the server answers with during the current test. */
    protected VigilHttp http() {
        return current;
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

    /**
     * The final answer in what a raw exchange with {@code Expect: 100-continue} received: an interim
     * {@code 100 Continue} is allowed (and dropped) only where {@link #serverSends100ContinueItself()}.
     */
    protected String finalAnswer(String raw) {
        String interim = "HTTP/1.1 100 Continue\r\n";
        if (!serverSends100ContinueItself()) {
            assertThat(raw).doesNotContain("100 Continue");
            return raw;
        }
        if (raw.startsWith(interim)) {
            int end = raw.indexOf("\r\n\r\n");
            return raw.substring(end + 4);
        }
        return raw;
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
