package dev.vigil.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.Vigil;
import dev.vigil.http.VigilHttp;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.testkit.ManualClock;
import dev.vigil.testkit.http.RawHttp;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What only the JDK adapter has to get right: mounting, the JDK's prefix matching, paths, Host, connections. */
class VigilHttpHandlerTest {
    private static final String KEY = "jdk-admin-key-0123456789abcdef";
    private Vigil vigil;
    private HttpServer server;
    private ExecutorService threads;
    private String base;

    @BeforeEach
    void start() throws Exception {
        vigil = Vigil.builder().store(new MemoryStore()).clock(ManualClock.at("2025-01-15T12:00:00Z")).build();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        threads = Executors.newFixedThreadPool(4);
        server.setExecutor(threads);
        VigilHttpHandler.mount(server, "/monitoring", VigilHttp.builder(vigil).apiKeys(KEY).build());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        threads.shutdownNow();
        vigil.close();
    }

    private String raw(String... parts) {
        return RawHttp.exchange(base, parts);
    }

    @Test
    void mountChecksItsPrefix() {
        VigilHttp http = VigilHttp.builder(vigil).build();
        for (String bad : new String[] {"monitoring", "/monitoring/", "/a//b", "/a?b", "/a%2Fb", "/a\nb"}) {
            assertThatThrownBy(() -> VigilHttpHandler.mount(server, bad, http)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix");
        }
        assertThat(VigilHttpHandler.mount(server, "", http).getPath()).isEqualTo("/");
        assertThatThrownBy(() -> new VigilHttpHandler(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void pathsNextToThePrefixAreNotOurs() {
        // the JDK gives /monitoringfoo to the /monitoring context: it must not reach /foo's routes
        assertThat(raw("GET /monitoringhealthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 404 ").endsWith("{\"error\":\"Not found: no API route matches this path\"}");
        assertThat(raw("GET /monitoring/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200 ").endsWith("{\"status\":\"ok\"}");
        assertThat(raw("GET /monitoring HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 404 ").endsWith("no API route matches this path\"}"); // as "/" with the servlet
    }

    @Test
    void ambiguousPathsAreRefusedInJson() {
        for (String path : new String[] {"/monitoring/api%2Fpush/1/x", "/monitoring/api/push/1/a%5Cb",
                "/monitoring/api/push/1/a%00"}) {
            assertThat(raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")).as(path)
                    .startsWith("HTTP/1.1 400 ").contains("application/json").contains("ambiguous");
        }
        // an encoded character that is not a separator is decoded as UTF-8
        assertThat(raw("GET /monitoring/api/push/%E2%9C%93/x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 404 ").endsWith("{\"error\":\"Push monitor not found\"}");
    }

    @Test
    void pushUrlsUseAPlainHostHeaderOnly() {
        String head = "POST /monitoring/api/v1/monitors HTTP/1.1\r\nX-API-Key: " + KEY + "\r\nConnection: close\r\n"
                + "Content-Length: 60\r\n";
        String body = "{\"name\": \"Nightly %d\", \"config\": {\"expected_interval\": 3600}}";
        assertThat(raw(head + "Host: vigil.example.com:8443\r\n\r\n" + body.formatted(1)))
                .contains("\"push_url\":\"http://vigil.example.com:8443/monitoring/api/push/1/");
        // a Host that is not a host name (here: trying to inject a path) is replaced by the local address
        assertThat(raw(head + "Host: evil.example/x?\r\n\r\n" + body.formatted(2)))
                .contains("\"push_url\":\"http://127.0.0.1:" + server.getAddress().getPort() + "/monitoring/api/push/2/");
    }

    @Test
    void aBodyOverTheLimitClosesTheConnectionAtOnce() {
        long started = System.nanoTime();
        String answer = raw("POST /monitoring/api/v1/monitors HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + KEY
                + "\r\nContent-Length: 1048576\r\n\r\n{\"name\":");
        // RawHttp waits up to 5 s for the server to close; it must not wait for the megabyte
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(4000);
        assertThat(answer).startsWith("HTTP/1.1 413 ").contains("Connection: close")
                .endsWith("{\"error\":\"Request body is too large (limit 65536 bytes)\"}");
    }
}
