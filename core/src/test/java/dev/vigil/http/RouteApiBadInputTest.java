package dev.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.config.ApiKeyDefinition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The public routing API refuses bad input at construction, with a message naming the problem. */
class RouteApiBadInputTest {
    private static final Route.Handler OK = ex -> Exchange.noContent();

    @ParameterizedTest
    @ValueSource(strings = {"", "get", "HEAD", "OPTIONS", "DEL", "GET POST", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
    void badMethods(String method) {
        assertThatThrownBy(() -> Route.open(method, "/x", OK)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("method");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "x/y", "/a//b", "/a/{", "/a/}", "/a/{}", "/a/{1x}", "/a/{x}/{x}", "/a b",
            "/a?b", "/a#b", "/a/{x y}", "/a/x{y}"})
    void badTemplates(String template) {
        assertThatThrownBy(() -> Route.open("GET", template, OK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteFamily.builder("f").prefix(template))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void goodTemplates() {
        assertThat(Route.open("GET", "/", OK).shape()).isEqualTo("/");
        assertThat(Route.open("GET", "/api/v2/heartbeat/", OK).shape()).isEqualTo("/api/v2/heartbeat");
        assertThat(Route.open("GET", "/e/{environment-id}/api/v2/events/{eventId}", OK).shape())
                .isEqualTo("/e/{}/api/v2/events/{}");
        assertThat(Route.open("GET", "/tasks/5xx", OK).template()).isEqualTo("/tasks/5xx");
    }

    @Test
    void badRouteSettings() {
        assertThatThrownBy(() -> Route.open("GET", "/x", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Route("GET", "/x", null, "admin", true, OK))
                .hasMessageContaining("needs an authentication scheme");
        assertThatThrownBy(() -> new Route("POST", "/x", null, null, true, OK)).hasMessageContaining("only a GET");
        assertThatThrownBy(() -> Route.authenticated("GET", "/x", AuthScheme.API_KEY, "bad scope", OK))
                .hasMessageContaining("scope");
        assertThatThrownBy(() -> Route.authenticated("GET", "/x", null, null, OK))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void badFamilies() {
        for (String name : new String[] {"", " ", "a\nb", "x".repeat(101)}) {
            assertThatThrownBy(() -> RouteFamily.builder(name)).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> RouteFamily.builder(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RouteFamily.builder("empty").build()).hasMessageContaining("has no routes");
        assertThatThrownBy(() -> RouteFamily.builder("dup").route(Route.open("GET", "/a/{x}", OK))
                .route(Route.open("GET", "/a/{y}", OK)).build()).hasMessageContaining("two routes for GET /a/{y}");
        assertThatThrownBy(() -> RouteFamily.builder("f").errors(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RouteFamily.builder("f").route(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RouteFamily.builder("f").routes(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ErrorRenderer.json(null)).isInstanceOf(NullPointerException.class);
        RouteFamily ok = RouteFamily.builder("ok").prefix("/e/{env}").route(Route.open("GET", "/a/{x}", OK))
                .route(Route.open("POST", "/a/{y}", OK)).build();
        assertThat(ok.routes()).hasSize(2);
        assertThat(ok.errors()).isSameAs(ErrorRenderer.DEFAULT);
        assertThatThrownBy(() -> ok.routes().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void badErrors() {
        HttpRequest req = HttpRequest.builder("GET", "/x").build();
        assertThatThrownBy(() -> new HttpError(200, "fine")).hasMessageContaining("400 to 599");
        assertThatThrownBy(() -> new HttpError(600, "no")).hasMessageContaining("400 to 599");
        assertThatThrownBy(() -> new HttpError(400, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ApiError(ApiError.Cause.INTERNAL, 302, "m", Map.of(), null, Map.of(), req))
                .hasMessageContaining("400 to 599");
        assertThatThrownBy(() -> new ApiError(null, 500, "m", Map.of(), null, Map.of(), req))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ApiError(ApiError.Cause.INTERNAL, 500, "m", Map.of(), null, Map.of(), null))
                .isInstanceOf(NullPointerException.class);
        assertThat(ApiError.Cause.of(418)).isEqualTo(ApiError.Cause.BAD_REQUEST);
        assertThat(ApiError.Cause.of(502)).isEqualTo(ApiError.Cause.INTERNAL);
        assertThat(ApiError.Cause.of(503)).isEqualTo(ApiError.Cause.STORE_UNAVAILABLE);
        ApiError e = new ApiError(ApiError.Cause.THROTTLED, 429, "slow down", Map.of("Retry-After", "5"), null,
                Map.of("id", "7"), HttpRequest.builder("DEL", "/x").build());
        assertThat(e.method()).isEqualTo("DELETE");
        assertThat(e.param("id")).isEqualTo("7");
        assertThat(e.param("nope")).isNull();
        HttpResponse r = ErrorRenderer.DEFAULT.render(e);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("Retry-After")).contains("5");
        assertThat(r.bodyText()).isEqualTo("{\"error\":\"slow down\"}");
    }

    @Test
    void badExchanges() {
        HttpRequest req = HttpRequest.builder("GET", "/x").build();
        assertThatThrownBy(() -> new Exchange(null, Map.of(), 10, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Exchange(req, Map.of(), -1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Exchange(req, Map.of(), 10, null).param("x"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badScopesAndKeyHashes() {
        for (String s : new String[] {"", " admin", "a b", "-x", "x".repeat(101), "é"}) {
            assertThatThrownBy(() -> ApiKeyDefinition.checkScopes(List.of(s))).as(s)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scope");
        }
        assertThatThrownBy(() -> ApiKeyDefinition.checkScopes(java.util.Arrays.asList("a", null)))
                .hasMessageContaining("got null");
        assertThat(ApiKeyDefinition.checkScopes(List.of("reports.write", "tasks.write", "reports.write")))
                .containsExactly("reports.write", "tasks.write");
        String hash = Authenticators.hash("k");
        assertThatThrownBy(() -> new ApiKeyDefinition("sha256:short", Set.of(), "x"))
                .hasMessageContaining("sha256:<43 base64url characters>");
        assertThatThrownBy(() -> new ApiKeyDefinition("md5:" + hash.substring(7), Set.of(), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ApiKeyDefinition(hash, Set.of(), "x").fullAccess()).isTrue();
        assertThat(new ApiKeyDefinition(hash, Set.of("admin"), "x").fullAccess()).isTrue();
        assertThat(new ApiKeyDefinition(hash, Set.of("reports.write"), "x").fullAccess()).isFalse();
    }

    @Test
    void authResultScopes() {
        assertThat(AuthResult.fullAccess("k").hasScope("anything")).isTrue();
        assertThat(AuthResult.authenticated("k", Set.of("a")).hasScope("a")).isTrue();
        assertThat(AuthResult.authenticated("k", Set.of("a")).hasScope("admin")).isFalse();
        assertThat(AuthResult.invalid().hasScope("a")).isFalse();
        assertThatThrownBy(() -> AuthResult.fullAccess(null)).isInstanceOf(NullPointerException.class);
    }
}
