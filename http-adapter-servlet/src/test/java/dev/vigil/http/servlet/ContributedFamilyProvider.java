package dev.vigil.http.servlet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.Vigil;
import dev.vigil.http.AuthScheme;
import dev.vigil.http.Exchange;
import dev.vigil.http.Json;
import dev.vigil.http.LenientBody;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import dev.vigil.http.RouteFamilyProvider;

/**
 * A "module-contributed route family", found through {@code META-INF/services} in the test resources: routes under
 * {@code /api/contrib} with the envelope {@code {"problem":{"status":…,"detail":…,"route":…}}}.
 */
public final class ContributedFamilyProvider implements RouteFamilyProvider {

    @Override
    public RouteFamily create(Vigil vigil) {
        return RouteFamily.builder("contrib").prefix("/api/contrib")
                .route(Route.authenticated("POST", "/api/contrib/report", AuthScheme.API_KEY, "reports.write", ex -> {
                    LenientBody b = ex.lenientBody().allowOnly("name", "value");
                    ObjectNode out = Json.object();
                    out.put("name", b.string("name"));
                    Long v = b.wholeNumber("value");
                    if (v != null) {
                        out.put("value", v);
                    }
                    com.fasterxml.jackson.databind.node.ArrayNode w = out.putArray("warnings");
                    b.warnings().forEach(w::add);
                    return Exchange.json(200, out);
                }))
                .route(Route.authenticated("GET", "/api/contrib/monitors/{name}", AuthScheme.API_KEY, "reports.read",
                        ex -> {
                            ObjectNode out = Json.object();
                            out.put("count", vigil.monitors().list().size());
                            return Exchange.json(200, out);
                        }))
                .errors(e -> {
                    ObjectNode body = Json.object();
                    ObjectNode p = body.putObject("problem");
                    p.put("status", e.status());
                    p.put("detail", e.message());
                    p.put("cause", e.cause().name());
                    p.put("route", e.route() == null ? null : e.route().template());
                    return Exchange.json(e.status(), body, e.headers());
                })
                .build();
    }
}
