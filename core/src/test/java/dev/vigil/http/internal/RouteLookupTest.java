package dev.vigil.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.http.Exchange;
import dev.vigil.http.HttpRequest;
import dev.vigil.http.HttpResponse;
import dev.vigil.http.Json;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The trie: literal segments before parameters, 404, 405 with Allow, OPTIONS, HEAD, DEL, conflicts. */
class RouteLookupTest {

    /** A handler answering which route ran and its parameters. */
    private static Route.Handler named(String name) {
        return ex -> {
            ObjectNode b = Json.object();
            b.put("route", name);
            new TreeMap<>(ex.params()).forEach(b::put);
            return Exchange.json(200, b);
        };
    }

    private static Router router(Route... routes) {
        return new Router(List.of(routes), Map.of(), new AuthThrottle(3, Duration.ofMinutes(1), 10,
                InstantSource.system()), 1024);
    }

    private static HttpResponse call(Router r, String method, String path) {
        return r.handle(HttpRequest.builder(method, path).remoteAddress("127.0.0.1").build());
    }

    // seed 003's literal routes next to parameter routes
    private final Router tasks = router(
            Route.open("GET", "/tasks/5xx", named("list-5xx")),
            Route.open("GET", "/tasks/memory", named("list-memory")),
            Route.open("GET", "/tasks/memory/{app}", named("memory-app")),
            Route.open("GET", "/tasks/memory/{app}/{dyno}", named("memory-dyno")),
            Route.open("GET", "/task/5xx/{app}", named("get-5xx")),
            Route.open("GET", "/task/5xx/{app}/state", named("state-5xx")),
            Route.open("GET", "/task/{kind}/{app}", named("get-any")),
            Route.open("DELETE", "/task/{kind}/{app}", named("delete-any")),
            Route.open("POST", "/task/{kind}", named("create")),
            Route.open("PATCH", "/task/{kind}", named("update")),
            Route.open("GET", "/things/{id}", named("thing")),
            Route.open("GET", "/things/special", named("special")),
            Route.open("POST", "/things/{name}/x", named("x")));

    @Test
    void aLiteralSegmentWinsOverAParameter() {
        assertThat(call(tasks, "GET", "/task/5xx/web").bodyText()).isEqualTo("{\"route\":\"get-5xx\",\"app\":\"web\"}");
        assertThat(call(tasks, "GET", "/task/crashed/web").bodyText())
                .isEqualTo("{\"route\":\"get-any\",\"app\":\"web\",\"kind\":\"crashed\"}");
        // registered after the parameter route, still preferred
        assertThat(call(tasks, "GET", "/things/special").bodyText()).isEqualTo("{\"route\":\"special\"}");
        assertThat(call(tasks, "GET", "/things/other").bodyText()).isEqualTo("{\"route\":\"thing\",\"id\":\"other\"}");
        assertThat(call(tasks, "GET", "/task/5xx/web/state").bodyText())
                .isEqualTo("{\"route\":\"state-5xx\",\"app\":\"web\"}");
    }

    @Test
    void aParameterTakesOverWhenTheLiteralBranchHasNoRouteForTheMethod() {
        // /task/5xx/{app} has only GET; DELETE falls through to /task/{kind}/{app}
        assertThat(call(tasks, "DELETE", "/task/5xx/web").bodyText())
                .isEqualTo("{\"route\":\"delete-any\",\"app\":\"web\",\"kind\":\"5xx\"}");
        assertThat(call(tasks, "GET", "/tasks/memory/web/web.1").bodyText())
                .isEqualTo("{\"route\":\"memory-dyno\",\"app\":\"web\",\"dyno\":\"web.1\"}");
    }

    @Test
    void parameterNamesMayDifferAlongOneBranch() {
        assertThat(call(tasks, "POST", "/things/abc/x").bodyText()).isEqualTo("{\"route\":\"x\",\"name\":\"abc\"}");
        assertThat(call(tasks, "GET", "/things/abc").bodyText()).isEqualTo("{\"route\":\"thing\",\"id\":\"abc\"}");
    }

    @Test
    void unknownPathsAre404() {
        for (String p : List.of("/", "/tasks", "/tasks/unknown", "/task/5xx/web/state/extra", "/things", "/nope",
                "/task//web", "//tasks/5xx")) {
            HttpResponse r = call(tasks, "GET", p);
            assertThat(r.status()).as(p).isEqualTo(404);
            assertThat(r.bodyText()).as(p).isEqualTo("{\"error\":\"Not found: no API route matches this path\"}");
        }
    }

    @Test
    void aTrailingSlashIsIgnored() {
        assertThat(call(tasks, "GET", "/tasks/memory/").bodyText()).isEqualTo("{\"route\":\"list-memory\"}");
    }

    @Test
    void wrongMethodIs405WithTheMethodsOfEveryMatchingTemplate() {
        HttpResponse r = call(tasks, "PUT", "/task/5xx/web");
        assertThat(r.status()).isEqualTo(405);
        // GET from /task/5xx/{app}, GET and DELETE from /task/{kind}/{app}
        assertThat(r.header("Allow")).contains("GET, HEAD, DELETE, OPTIONS");
        assertThat(call(tasks, "GET", "/task/5xx").header("Allow")).contains("POST, PATCH, OPTIONS");
        assertThat(call(tasks, "GET", "/task/5xx").status()).isEqualTo(405);
    }

    @Test
    void optionsAnswersFromTheTrie() {
        HttpResponse r = call(tasks, "OPTIONS", "/task/release/web");
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.header("Allow")).contains("GET, HEAD, DELETE, OPTIONS");
        assertThat(call(tasks, "OPTIONS", "/nope").status()).isEqualTo(404);
    }

    @Test
    void headRunsGetWithoutBodyUnlessTheRouteHasSideEffects() {
        Router r = router(Route.open("GET", "/a/{id}", named("a")),
                Route.open("GET", "/push/{id}", named("push")).withoutHead());
        HttpResponse head = call(r, "HEAD", "/a/1");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).contains(Integer.toString("{\"route\":\"a\",\"id\":\"1\"}".length()));
        HttpResponse refused = call(r, "HEAD", "/push/1");
        assertThat(refused.status()).isEqualTo(405);
        assertThat(refused.header("Allow")).contains("GET, OPTIONS");
    }

    @Test
    void delIsDelete() {
        assertThat(call(tasks, "DEL", "/task/crashed/web").bodyText()).contains("delete-any");
    }

    @Test
    void anUnusualMethodIs405AndCutInTheMessage() {
        HttpResponse r = call(tasks, "PROPFINDXXXXXXXXXXXXXXXXXXXXXXXXXX", "/things/1");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.bodyText()).contains("PROPFINDXXXXXXXXXXXX ").doesNotContain("XXXXXXXXXXXXXXXXXXXXXXX");
    }

    @Test
    void twoRoutesWithOneMethodAndShapeConflict() {
        assertThatThrownBy(() -> router(Route.open("GET", "/a/{x}", named("1")), Route.open("GET", "/a/{y}",
                named("2")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two routes for GET /a/{y}");
        assertThatThrownBy(() -> new Router(Map.of(), new AuthThrottle(3, Duration.ofMinutes(1), 10,
                InstantSource.system()), 1024, InstantSource.system(), List.of(
                RouteFamily.of("one", List.of(Route.open("GET", "/a/{x}", named("1")))),
                RouteFamily.of("two", List.of(Route.open("GET", "/a/{y}", named("2")))))))
                .hasMessageContaining("two routes for GET /a/{}").hasMessageContaining("/a/{x} (family one)")
                .hasMessageContaining("/a/{y} (family two)");
        Route a = Route.open("GET", "/a", named("1"));
        assertThatThrownBy(() -> new Router(Map.of(), new AuthThrottle(3, Duration.ofMinutes(1), 10,
                InstantSource.system()), 1024, InstantSource.system(), List.of(RouteFamily.of("one", List.of(a)),
                RouteFamily.of("two", List.of(a))))).hasMessageContaining("family one")
                .hasMessageContaining("family two");
    }

    @Test
    void sixtyRoutesAllResolve() {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            routes.add(Route.open("GET", "/api/v" + i + "/items", named("list" + i)));
            routes.add(Route.open("GET", "/api/v" + i + "/items/{id}", named("get" + i)));
            routes.add(Route.open("DELETE", "/api/v" + i + "/items/{id}", named("del" + i)));
        }
        Router r = router(routes.toArray(Route[]::new));
        for (int i = 0; i < 20; i++) {
            assertThat(call(r, "GET", "/api/v" + i + "/items").bodyText()).contains("list" + i + "\"");
            assertThat(call(r, "GET", "/api/v" + i + "/items/7").bodyText()).contains("get" + i + "\"");
            assertThat(call(r, "DELETE", "/api/v" + i + "/items/7").bodyText()).contains("del" + i + "\"");
        }
        assertThat(r.lookup("/api/v3/items/9").route("GET")).isSameAs(routes.get(10));
        assertThat(r.lookup("/api/v3/items/9").route("HEAD")).isSameAs(routes.get(10));
        assertThat(r.lookup("/api/v3/items/9").route("POST")).isNull();
        assertThat(r.lookup("/api/v99/items").found()).isFalse();
    }
}
