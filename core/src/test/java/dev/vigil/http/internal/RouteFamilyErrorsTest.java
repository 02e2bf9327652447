package dev.vigil.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.http.ApiError;
import dev.vigil.http.AuthScheme;
import dev.vigil.http.Authenticator;
import dev.vigil.http.Authenticators;
import dev.vigil.http.ErrorRenderer;
import dev.vigil.http.Exchange;
import dev.vigil.http.HttpError;
import dev.vigil.http.HttpRequest;
import dev.vigil.http.HttpResponse;
import dev.vigil.http.Json;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import dev.vigil.spi.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Each family renders every error of its routes (before and inside the handler) and the 404/405 under its prefixes;
 * scoped API keys are refused with a 403 naming the scope.
 */
class RouteFamilyErrorsTest {
    private static final String FULL_KEY = "full-access-key-0123456789";
    private static final String REPORTS_KEY = "reports-key-0123456789";
    private static final String ADMIN_KEY = "admin-scope-key-0123456789";
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-15T12:00:00Z"));
    private final InstantSource clock = () -> now.get();
    private final List<ApiError> seen = new ArrayList<>();

    /** Dynatrace's envelope, as seed 001 will answer. */
    private final ErrorRenderer dynatrace = e -> {
        seen.add(e);
        ObjectNode body = Json.object();
        ObjectNode err = body.putObject("error");
        err.put("code", e.status());
        err.put("message", e.message());
        return Exchange.json(e.status(), body, e.headers());
    };

    /** Canopsis' envelope, with a store failure as a 400 whose text differs between reads and writes (seed 004). */
    private final ErrorRenderer canopsis = e -> {
        seen.add(e);
        ObjectNode body = Json.object();
        int status = e.status();
        if (e.cause() == ApiError.Cause.STORE_UNAVAILABLE) {
            status = 400;
            body.put("name", "");
            body.put("description", e.method().equals("GET") ? "can not retrieve heartbeat " + e.param("id")
                    : "can not modify heartbeat");
        } else {
            body.put("name", e.cause().name().toLowerCase(java.util.Locale.ROOT));
            body.put("description", e.message());
        }
        return Exchange.json(status, body, e.headers());
    };

    private Router router() {
        Map<AuthScheme, Authenticator> auth = Map.of(
                AuthScheme.API_KEY, Authenticators.scopedApiKeys(Map.of(
                        Authenticators.hash(FULL_KEY), Set.of(),
                        Authenticators.hash(REPORTS_KEY), Set.of("reports.write"),
                        Authenticators.hash(ADMIN_KEY), Set.of("admin", "reports.write"))),
                AuthScheme.API_TOKEN, Authenticators.apiTokens(Map.of(
                        Authenticators.hash("dt0c01.token-0123456789"), Set.of("events.read"))),
                AuthScheme.BASIC, Authenticators.basic(Map.of("root", Authenticators.hash("root"))));
        RouteFamily events = RouteFamily.builder("dynatrace")
                .prefix("/api/v2/events").prefix("/e/{environment-id}/api/v2")
                .route(Route.authenticated("POST", "/api/v2/events/ingest", AuthScheme.API_TOKEN, "events.ingest",
                        ex -> Exchange.noContent()))
                .route(Route.authenticated("GET", "/api/v2/events/{eventId}", AuthScheme.API_TOKEN, "events.read",
                        ex -> {
                            throw HttpError.notFound("Event " + ex.param("eventId") + " not found");
                        }))
                .route(Route.authenticated("POST", "/api/v2/events/big", AuthScheme.API_TOKEN, "events.read",
                        ex -> Exchange.json(200, ex.jsonObject("anything"))))
                .errors(dynatrace).build();
        RouteFamily heartbeats = RouteFamily.builder("canopsis").prefix("/api/v2/heartbeat")
                .route(Route.authenticated("GET", "/api/v2/heartbeat/{id}", AuthScheme.BASIC, null, ex -> {
                    throw new StoreUnavailableException("down");
                }))
                .route(Route.authenticated("DELETE", "/api/v2/heartbeat/{id}", AuthScheme.BASIC, null, ex -> {
                    throw new StoreUnavailableException("down");
                }))
                .errors(canopsis).build();
        RouteFamily reports = RouteFamily.of("reports", List.of(
                Route.authenticated("POST", "/api/v1/health/report", AuthScheme.API_KEY, "reports.write",
                        ex -> Exchange.json(200, Json.object())),
                Route.authenticated("GET", "/api/v1/admin-thing", AuthScheme.API_KEY, "admin",
                        ex -> Exchange.noContent())));
        return new Router(auth, new AuthThrottle(2, Duration.ofMinutes(1), 100, clock), 1024, clock,
                List.of(events, heartbeats, reports));
    }

    private static HttpRequest.Builder req(String method, String path) {
        return HttpRequest.builder(method, path).remoteAddress("10.0.0.1");
    }

    @Test
    void everyErrorOfAFamilyHasItsEnvelope() {
        Router r = router();
        HttpResponse missing = r.handle(req("POST", "/api/v2/events/ingest").build());
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.bodyText()).isEqualTo("{\"error\":{\"code\":401,\"message\":\"Missing Authorization: "
                + "Api-Token header\"}}");
        assertThat(missing.header("WWW-Authenticate")).contains("Api-Token realm=\"Vigil\"");
        assertThat(seen.get(0).cause()).isEqualTo(ApiError.Cause.UNAUTHENTICATED);
        assertThat(seen.get(0).route().template()).isEqualTo("/api/v2/events/ingest");

        HttpResponse scope = r.handle(req("POST", "/api/v2/events/ingest")
                .header("Authorization", "Api-Token dt0c01.token-0123456789").build());
        assertThat(scope.bodyText()).isEqualTo("{\"error\":{\"code\":403,\"message\":\"The credentials lack the "
                + "required scope events.ingest\"}}");

        HttpResponse notFound = r.handle(req("GET", "/api/v2/events/abc")
                .header("Authorization", "Api-Token dt0c01.token-0123456789").build());
        assertThat(notFound.bodyText()).isEqualTo("{\"error\":{\"code\":404,\"message\":\"Event abc not found\"}}");
        assertThat(seen.get(seen.size() - 1).params()).containsEntry("eventId", "abc");

        HttpResponse tooLarge = r.handle(req("POST", "/api/v2/events/big")
                .header("Authorization", "Api-Token dt0c01.token-0123456789")
                .body(new byte[2000]).build());
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.bodyText()).startsWith("{\"error\":{\"code\":413,\"message\":\"Request body is too large");
        assertThat(seen.get(seen.size() - 1).cause()).isEqualTo(ApiError.Cause.TOO_LARGE);

        HttpResponse malformed = r.handle(req("POST", "/api/v2/events/big")
                .header("Authorization", "Api-Token dt0c01.token-0123456789")
                .body("{".getBytes(StandardCharsets.UTF_8)).build());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.bodyText()).startsWith("{\"error\":{\"code\":400,\"message\":\"Malformed JSON");
    }

    @Test
    void throttlingIsRenderedByTheFamilyWithRetryAfter() {
        Router r = router();
        for (int i = 0; i < 2; i++) {
            assertThat(r.handle(req("POST", "/api/v2/events/ingest").header("Authorization", "Api-Token wrong")
                    .build()).status()).isEqualTo(401);
        }
        HttpResponse throttled = r.handle(req("POST", "/api/v2/events/ingest").build());
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isPresent();
        assertThat(throttled.bodyText()).startsWith("{\"error\":{\"code\":429,\"message\":\"Too many failed");
        assertThat(seen.get(seen.size() - 1).cause()).isEqualTo(ApiError.Cause.THROTTLED);
    }

    @Test
    void aFamilyMayAnswerAStoreFailureWithItsOwnStatusAndBodyPerRoute() {
        Router r = router();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("root:root".getBytes(StandardCharsets.UTF_8));
        HttpResponse get = r.handle(req("GET", "/api/v2/heartbeat/abc").header("Authorization", basic).build());
        assertThat(get.status()).isEqualTo(400);
        assertThat(get.bodyText()).isEqualTo("{\"name\":\"\",\"description\":\"can not retrieve heartbeat abc\"}");
        HttpResponse del = r.handle(req("DEL", "/api/v2/heartbeat/abc").header("Authorization", basic).build());
        assertThat(del.status()).isEqualTo(400);
        assertThat(del.bodyText()).isEqualTo("{\"name\":\"\",\"description\":\"can not modify heartbeat\"}");
        HttpResponse unauthenticated = r.handle(req("GET", "/api/v2/heartbeat/abc").build());
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.bodyText()).startsWith("{\"name\":\"unauthenticated\",\"description\":");
    }

    @Test
    void notFoundAndMethodNotAllowedUnderAPrefixAreTheFamilys() {
        Router r = router();
        HttpResponse nf = r.handle(req("GET", "/api/v2/events/abc/def").build());
        assertThat(nf.bodyText()).isEqualTo("{\"error\":{\"code\":404,\"message\":\"Not found: no API route matches "
                + "this path\"}}");
        assertThat(seen.get(seen.size() - 1).route()).isNull();
        HttpResponse env = r.handle(req("GET", "/e/abc12345/api/v2/nothing").build());
        assertThat(env.bodyText()).startsWith("{\"error\":{\"code\":404");
        assertThat(seen.get(seen.size() - 1).params()).containsEntry("environment-id", "abc12345");
        HttpResponse mna = r.handle(req("PUT", "/api/v2/heartbeat/x").build());
        assertThat(mna.status()).isEqualTo(405);
        assertThat(mna.header("Allow")).contains("GET, HEAD, DELETE, OPTIONS");
        assertThat(mna.bodyText()).startsWith("{\"name\":\"method_not_allowed\"");
        assertThat(seen.get(seen.size() - 1).params()).containsEntry("id", "x");
        // outside every prefix: Vigil's own shape
        assertThat(r.handle(req("GET", "/elsewhere").build()).bodyText()).startsWith("{\"error\":\"Not found");
    }

    @Test
    void rejectRendersInTheFamilyOfThePath() {
        Router r = router();
        HttpResponse timeout = r.reject(req("POST", "/api/v2/events/ingest").build(), 408, "too slow");
        assertThat(timeout.status()).isEqualTo(408);
        assertThat(timeout.header("Connection")).contains("close");
        assertThat(timeout.bodyText()).isEqualTo("{\"error\":{\"code\":408,\"message\":\"too slow\"}}");
        assertThat(seen.get(seen.size() - 1).cause()).isEqualTo(ApiError.Cause.TIMEOUT);
        assertThat(seen.get(seen.size() - 1).route().template()).isEqualTo("/api/v2/events/ingest");
        assertThat(r.reject(req("GET", "/e/x/api/v2/foo").build(), 413, "big").bodyText())
                .isEqualTo("{\"error\":{\"code\":413,\"message\":\"big\"}}");
        assertThat(r.reject(req("GET", "/other").build(), 413, "big").bodyText()).isEqualTo("{\"error\":\"big\"}");
    }

    @Test
    void aFailingRendererFallsBackToVigilsShape() {
        RouteFamily broken = RouteFamily.builder("broken").errors(e -> {
            throw new IllegalStateException("renderer bug");
        }).route(Route.open("GET", "/x", ex -> {
            throw HttpError.badRequest("bad x");
        })).build();
        RouteFamily nulls = RouteFamily.builder("nulls").errors(e -> null).route(Route.open("GET", "/y", ex -> {
            throw HttpError.badRequest("bad y");
        })).build();
        Router r = new Router(Map.of(), new AuthThrottle(2, Duration.ofMinutes(1), 100, clock), 1024, clock,
                List.of(broken, nulls));
        HttpResponse x = r.handle(req("GET", "/x").build());
        assertThat(x.status()).isEqualTo(400);
        assertThat(x.bodyText()).isEqualTo("{\"error\":\"bad x\"}");
        assertThat(r.handle(req("GET", "/y").build()).bodyText()).isEqualTo("{\"error\":\"bad y\"}");
    }

    @Test
    void scopedKeysGetOnlyTheirRoutesAndUnscopedKeysEverything() {
        Router r = router();
        assertThat(r.handle(req("POST", "/api/v1/health/report").header("X-API-Key", REPORTS_KEY)
                .body("{}".getBytes(StandardCharsets.UTF_8)).build()).status()).isEqualTo(200);
        HttpResponse refused = r.handle(req("GET", "/api/v1/admin-thing").header("X-API-Key", REPORTS_KEY).build());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.bodyText()).isEqualTo("{\"error\":\"The credentials lack the required scope admin\"}");
        for (String full : List.of(FULL_KEY, ADMIN_KEY)) {
            assertThat(r.handle(req("GET", "/api/v1/admin-thing").header("X-API-Key", full).build()).status())
                    .as(full).isEqualTo(204);
            assertThat(r.handle(req("POST", "/api/v1/health/report").header("X-API-Key", full)
                    .body("{}".getBytes(StandardCharsets.UTF_8)).build()).status()).as(full).isEqualTo(200);
        }
        // a 403 is not a failed authentication: it does not count towards throttling
        for (int i = 0; i < 5; i++) {
            assertThat(r.handle(req("GET", "/api/v1/admin-thing").header("X-API-Key", REPORTS_KEY).build())
                    .status()).isEqualTo(403);
        }
    }

    @Test
    void anOverlongKeyIsInvalidNotAnError() {
        Router r = router();
        HttpResponse resp = r.handle(req("GET", "/api/v1/admin-thing").header("X-API-Key", "k".repeat(5000)).build());
        assertThat(resp.status()).isEqualTo(401);
        assertThat(resp.bodyText()).isEqualTo("{\"error\":\"Invalid API key\"}");
    }
}
