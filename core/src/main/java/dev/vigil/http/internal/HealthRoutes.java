package dev.vigil.http.internal;

import dev.vigil.http.Json;
import dev.vigil.http.Exchange;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.Vigil;
import dev.vigil.http.HttpResponse;
import dev.vigil.model.Text;
import dev.vigil.spi.StoreUnavailableException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /healthz} (the process answers) and {@code /readyz} (the store answers too); no authentication. */
public final class HealthRoutes {
    private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.http");
    private final Vigil vigil;

    public HealthRoutes(Vigil vigil) {
        this.vigil = vigil;
    }

    public RouteFamily family() {
        return RouteFamily.of("health", routes());
    }

    public List<Route> routes() {
        return List.of(Route.open("GET", "/healthz", ex -> status(200, "ok")),
                Route.open("GET", "/readyz", this::ready));
    }

    private HttpResponse ready(Exchange ex) {
        try {
            vigil.checkReady();
            return status(200, "ok");
        } catch (StoreUnavailableException e) {
            LOG.warn("/readyz: store unavailable: {}", Text.forLog(String.valueOf(e.getMessage())));
            ObjectNode body = Json.object();
            body.put("status", "unavailable");
            body.put("error", "Storage is unavailable");
            return Exchange.json(503, body, Map.of("Retry-After", Router.STORE_RETRY_AFTER));
        }
    }

    private static HttpResponse status(int code, String status) {
        ObjectNode body = Json.object();
        body.put("status", status);
        return Exchange.json(code, body);
    }
}
