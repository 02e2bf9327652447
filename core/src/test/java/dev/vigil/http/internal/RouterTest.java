package dev.vigil.http.internal;

import dev.vigil.http.Json;
import dev.vigil.http.Exchange;
import dev.vigil.http.Route;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.http.AuthResult;
import dev.vigil.http.AuthScheme;
import dev.vigil.http.Authenticator;
import dev.vigil.http.Authenticators;
import dev.vigil.http.HttpRequest;
import dev.vigil.http.HttpResponse;
import dev.vigil.spi.StoreUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-15T12:00:00Z"));
    private final InstantSource clock = () -> now.get();
    private final AtomicInteger gets = new AtomicInteger();

    private Router router() {
        Route.Handler ok = ex -> {
            gets.incrementAndGet();
            ObjectNode body = Json.object();
            body.put("id", ex.param("id"));
            return Exchange.json(200, body);
        };
        Route.Handler echo = ex -> {
            ObjectNode in = ex.jsonObject("an object");
            return Exchange.json(200, in);
        };
        List<Route> routes = List.of(
                Route.open("GET", "/things/{id}", ok),
                Route.open("POST", "/things/{id}", echo),
                Route.open("DELETE", "/things/{id}", ex -> Exchange.noContent()),
                Route.open("GET", "/side-effect/{id}", ok).withoutHead(),
                Route.open("GET", "/boom", ex -> {
                    throw new IllegalStateException("bug with secret /api/push/1/abc");
                }),
                Route.open("GET", "/deep", ex -> {
                    throw new StackOverflowError();
                }),
                Route.open("GET", "/store", ex -> {
                    throw new StoreUnavailableException("db down at 10.0.0.1");
                }),
                Route.authenticated("GET", "/admin", AuthScheme.API_KEY, null, ex -> Exchange.noContent()),
                Route.authenticated("POST", "/events", AuthScheme.API_TOKEN, "events.ingest",
                        ex -> Exchange.noContent()),
                Route.authenticated("GET", "/events", AuthScheme.API_TOKEN, "events.read", ex -> Exchange.noContent()),
                Route.authenticated("GET", "/heartbeat", AuthScheme.BASIC, null, ex -> Exchange.noContent()),
                Route.authenticated("GET", "/unconfigured", AuthScheme.BASIC, null, ex -> Exchange.noContent()));
        Map<AuthScheme, Authenticator> auth = Map.of(
                AuthScheme.API_KEY, Authenticators.apiKeys(List.of(Authenticators.hash("admin-key-0123456789"))),
                AuthScheme.API_TOKEN, Authenticators.apiTokens(Map.of(
                        Authenticators.hash("dt0c01.abc123.abcdefjhij1234567890"), Set.of("events.ingest"))),
                AuthScheme.BASIC, Authenticators.basic(Map.of("root", Authenticators.hash("root"))));
        return new Router(routes, auth, new AuthThrottle(3, Duration.ofMinutes(1), 100, clock), 1024, clock);
    }

    private static HttpRequest.Builder req(String method, String path) {
        return HttpRequest.builder(method, path).remoteAddress("127.0.0.1");
    }

    @Test
    void unknownPathIs404WithJsonError() {
        HttpResponse r = router().handle(req("GET", "/nope").build());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).contains("application/json");
        assertThat(r.bodyText()).startsWith("{\"error\":");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        HttpResponse r = router().handle(req("PUT", "/things/1").build());
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).contains("GET, HEAD, POST, DELETE, OPTIONS");
        assertThat(r.bodyText()).contains("Method PUT is not allowed");
    }

    @Test
    void optionsListsTheMethods() {
        HttpResponse r = router().handle(req("OPTIONS", "/things/1").build());
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.header("Allow")).contains("GET, HEAD, POST, DELETE, OPTIONS");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void headIsGetWithoutBody() {
        HttpResponse r = router().handle(req("HEAD", "/things/7").build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(r.header("Content-Length")).contains("10");
    }

    @Test
    void headIsRefusedOnRoutesWithSideEffects() {
        HttpResponse r = router().handle(req("HEAD", "/side-effect/7").build());
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).contains("GET, OPTIONS");
        assertThat(gets).hasValue(0);
    }

    @Test
    void trailingSlashAndDelAreAccepted() {
        assertThat(router().handle(req("GET", "/things/7/").build()).status()).isEqualTo(200);
        assertThat(router().handle(req("DEL", "/things/7").build()).status()).isEqualTo(204);
        assertThat(router().handle(req("GET", "/things//").build()).status()).isEqualTo(404);
    }

    @Test
    void internalErrorsAreGeneric() {
        for (String path : List.of("/boom", "/deep")) {
            HttpResponse r = router().handle(req("GET", path).build());
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.bodyText()).isEqualTo("{\"error\":\"Internal server error\"}");
        }
    }

    @Test
    void storeUnavailableIs503WithoutDetails() {
        HttpResponse r = router().handle(req("GET", "/store").build());
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Retry-After")).contains("5");
        assertThat(r.bodyText()).doesNotContain("10.0.0.1");
    }

    @Test
    void bodyOverTheLimitIs413AndIsNotReadPastIt() {
        CountingStream in = new CountingStream(new byte[1024 * 1024]);
        HttpResponse r = router().handle(req("POST", "/things/1").body(in, -1).build());
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.bodyText()).contains("too large");
        assertThat(in.read).isEqualTo(1025);

        HttpResponse declared = router().handle(req("POST", "/things/1").body(new CountingStream(new byte[0]), 5000)
                .build());
        assertThat(declared.status()).isEqualTo(413);
    }

    @Test
    void malformedAndWrongShapedJsonAre400() {
        Router router = router();
        assertThat(post(router, "{\"a\":").bodyText()).contains("Malformed JSON");
        assertThat(post(router, "[1,2]").bodyText()).contains("must be a JSON object").contains("an array");
        assertThat(post(router, "").bodyText()).contains("Request body is required");
        assertThat(post(router, "{\"a\":1}{}").status()).isEqualTo(400);
        assertThat(post(router, "{\"a\":1,\"a\":2}").bodyText()).contains("Duplicate field");
        assertThat(post(router, "[".repeat(100) + "]".repeat(100)).bodyText()).contains("JSON limit");
        assertThat(post(router, "{\"n\":" + "9".repeat(500) + "}").bodyText()).contains("JSON limit");
        assertThat(post(router, "{\"a\":\"\u00e9\u6f22\"}").status()).isEqualTo(200);
    }

    private static HttpResponse post(Router router, String body) {
        return router.handle(req("POST", "/things/1").body(body.getBytes(StandardCharsets.UTF_8)).build());
    }

    @Test
    void apiKey() {
        Router router = router();
        HttpResponse missing = router.handle(req("GET", "/admin").build());
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.bodyText()).isEqualTo("{\"error\":\"Missing X-API-Key header\"}");
        HttpResponse wrong = router.handle(req("GET", "/admin").header("x-api-key", "nope").build());
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.bodyText()).isEqualTo("{\"error\":\"Invalid API key\"}");
        assertThat(router.handle(req("GET", "/admin").header("X-Api-Key", "admin-key-0123456789").build()).status())
                .isEqualTo(204);
    }

    @Test
    void apiTokenWithScopes() {
        Router router = router();
        String token = "Api-Token dt0c01.abc123.abcdefjhij1234567890";
        assertThat(router.handle(req("POST", "/events").header("Authorization", token).build()).status())
                .isEqualTo(204);
        HttpResponse noScope = router.handle(req("GET", "/events").header("Authorization", token).build());
        assertThat(noScope.status()).isEqualTo(403);
        assertThat(noScope.bodyText()).contains("events.read");
        assertThat(router.handle(req("POST", "/events").header("Authorization", "Api-Token wrong").build()).status())
                .isEqualTo(401);
        HttpResponse missing = router.handle(req("POST", "/events").header("Authorization", "Bearer x").build());
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.bodyText()).contains("Missing Authorization: Api-Token header");
    }

    @Test
    void basicAuth() {
        Router router = router();
        String good = "Basic " + Base64.getEncoder().encodeToString("root:root".getBytes(StandardCharsets.UTF_8));
        String bad = "Basic " + Base64.getEncoder().encodeToString("root:toor".getBytes(StandardCharsets.UTF_8));
        assertThat(router.handle(req("GET", "/heartbeat").header("Authorization", good).build()).status())
                .isEqualTo(204);
        HttpResponse wrong = router.handle(req("GET", "/heartbeat").header("Authorization", bad).build());
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(router.handle(req("GET", "/heartbeat").header("Authorization", "Basic !!!").build()).status())
                .isEqualTo(401);
    }

    @Test
    void basicUsersHaveFullAccessUnlessGivenScopes() {
        List<Route> routes = List.of(
                Route.authenticated("GET", "/status", AuthScheme.BASIC, AuthResult.ADMIN_SCOPE, ex -> Exchange.noContent()),
                Route.authenticated("GET", "/heartbeat", AuthScheme.BASIC, null, ex -> Exchange.noContent()));
        Map<AuthScheme, Authenticator> auth = Map.of(AuthScheme.BASIC, Authenticators.basic(
                Map.of("root", Authenticators.hash("root"), "zabbix", Authenticators.hash("zabbix")),
                Map.of("zabbix", Set.of("heartbeats"))));
        Router router = new Router(routes, auth, new AuthThrottle(3, Duration.ofMinutes(1), 100, clock), 1024, clock);
        String root = "Basic " + Base64.getEncoder().encodeToString("root:root".getBytes(StandardCharsets.UTF_8));
        String zabbix = "Basic " + Base64.getEncoder().encodeToString("zabbix:zabbix".getBytes(StandardCharsets.UTF_8));
        assertThat(router.handle(req("GET", "/status").header("Authorization", root).build()).status()).isEqualTo(204);
        assertThat(router.handle(req("GET", "/heartbeat").header("Authorization", zabbix).build()).status())
                .isEqualTo(204);
        HttpResponse limited = router.handle(req("GET", "/status").header("Authorization", zabbix).build());
        assertThat(limited.status()).isEqualTo(403);
        assertThat(limited.bodyText()).contains("admin");
    }

    @Test
    void repeatedFailuresFromOneClientAreThrottled() {
        Router router = router();
        for (int i = 0; i < 3; i++) {
            assertThat(router.handle(req("GET", "/admin").header("X-API-Key", "guess" + i).build()).status())
                    .isEqualTo(401);
        }
        HttpResponse blocked = router.handle(req("GET", "/admin").header("X-API-Key", "admin-key-0123456789").build());
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).contains("60");
        // another client is not affected
        assertThat(router.handle(HttpRequest.builder("GET", "/admin").remoteAddress("127.0.0.2")
                .header("X-API-Key", "admin-key-0123456789").build()).status()).isEqualTo(204);
        now.set(now.get().plusSeconds(45));
        assertThat(router.handle(req("GET", "/admin").build()).header("Retry-After")).contains("15");
        now.set(now.get().plusSeconds(15));
        assertThat(router.handle(req("GET", "/admin").header("X-API-Key", "admin-key-0123456789").build()).status())
                .isEqualTo(204);
    }

    @Test
    void missingCredentialsAreNotCountedAsFailures() {
        Router router = router();
        for (int i = 0; i < 5; i++) {
            assertThat(router.handle(req("GET", "/admin").build()).status()).isEqualTo(401);
        }
        assertThat(router.handle(req("GET", "/admin").header("X-API-Key", "admin-key-0123456789").build()).status())
                .isEqualTo(204);
    }

    @Test
    void aSchemeWithoutCredentialsConfiguredIsRefused() {
        Router router = new Router(List.of(Route.authenticated("GET", "/x", AuthScheme.BASIC, null,
                ex -> Exchange.noContent())), Map.of(), new AuthThrottle(3, Duration.ofMinutes(1), 10, clock), 1024);
        HttpResponse r = router.handle(req("GET", "/x").build());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.bodyText()).contains("not configured");
    }

    /** Counts the bytes read from it. */
    static final class CountingStream extends InputStream {
        private final ByteArrayInputStream in;
        int read;

        CountingStream(byte[] data) {
            this.in = new ByteArrayInputStream(data);
        }

        @Override
        public int read() {
            int b = in.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = in.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }

    /** What slf4j-simple (System.err) printed while {@code r} ran. */
    private static String stderrOf(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void repeatedInternalErrorsAreLoggedOnceWithTheirStackThenSummarisedOncePerMinute() {
        Router router = router();
        String burst = stderrOf(() -> {
            for (int i = 0; i < 100; i++) {
                assertThat(router.handle(req("GET", "/boom").build()).status()).isEqualTo(500);
            }
        });
        assertThat(count(burst, "Internal error handling GET /boom")).isEqualTo(1);
        assertThat(burst).contains("java.lang.IllegalStateException: bug with secret").contains("\tat ");

        now.set(now.get().plusSeconds(59));
        assertThat(stderrOf(() -> router.handle(req("GET", "/boom").build()))).isEmpty();
        now.set(now.get().plusSeconds(2));
        String summary = stderrOf(() -> {
            router.handle(req("GET", "/boom").build());
            router.handle(req("GET", "/boom").build());
        });
        assertThat(summary.lines()).singleElement().asString()
                .contains("Internal error handling GET /boom again: java.lang.IllegalStateException")
                .endsWith("(100 more like it since the last report were not logged)");

        // another route (or exception class) is logged in full on its own; store outages are summarised too
        assertThat(stderrOf(() -> router.handle(req("GET", "/deep").build()))).contains("StackOverflowError")
                .contains("\tat ");
        String store = stderrOf(() -> {
            for (int i = 0; i < 50; i++) {
                router.handle(req("GET", "/store").build());
            }
        });
        assertThat(store.lines()).singleElement().asString().contains("store unavailable");
    }

    @Test
    void clientErrorsAreNeverLogged() {
        Router router = router();
        String log = stderrOf(() -> {
            for (int i = 0; i < 20; i++) {
                assertThat(router.handle(req("GET", "/nope").build()).status()).isEqualTo(404);
                assertThat(router.handle(req("PUT", "/things/1").build()).status()).isEqualTo(405);
                assertThat(router.handle(req("POST", "/things/1")
                        .body(new ByteArrayInputStream("{oops".getBytes(StandardCharsets.UTF_8)), 5).build()).status()).isEqualTo(400);
                assertThat(router.handle(req("GET", "/admin").build()).status()).isEqualTo(401);
            }
        });
        assertThat(log).isEmpty();
    }
}
