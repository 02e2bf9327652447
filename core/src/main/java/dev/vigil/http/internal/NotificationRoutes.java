package dev.vigil.http.internal;

import dev.vigil.http.Json;
import dev.vigil.http.HttpError;
import dev.vigil.http.Exchange;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.Vigil;
import dev.vigil.http.AuthScheme;
import dev.vigil.http.HttpResponse;
import dev.vigil.model.Text;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Deliveries and failures of the notification outbox: {@code /api/v1/notifications...}, with {@code X-API-Key}. */
public final class NotificationRoutes {
    static final String BASE = "/api/v1/notifications";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final int MAX_ID_LENGTH = 64;

    static final String ADMIN = dev.vigil.http.AuthResult.ADMIN_SCOPE;
    private final Vigil vigil;

    public NotificationRoutes(Vigil vigil) {
        this.vigil = vigil;
    }

    public RouteFamily family() {
        return RouteFamily.builder("notifications").prefix(BASE).routes(routes()).build();
    }

    public List<Route> routes() {
        return List.of(
                Route.authenticated("GET", BASE, AuthScheme.API_KEY, ADMIN, this::list),
                Route.authenticated("GET", BASE + "/{id}", AuthScheme.API_KEY, ADMIN, this::get),
                Route.authenticated("POST", BASE + "/{id}/retry", AuthScheme.API_KEY, ADMIN, this::retry));
    }

    private HttpResponse list(Exchange ex) {
        OutboxStatus status = null;
        String text = ex.query("status").orElse("");
        if (!text.isEmpty() && !text.equalsIgnoreCase("all")) {
            try {
                status = OutboxStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("status must be one of: pending, delivered, failed, all; got '"
                        + Text.forLog(text.length() > 20 ? text.substring(0, 20) : text) + "'");
            }
        }
        int limit = MonitorRoutes.limit(ex, DEFAULT_LIMIT, MAX_LIMIT);
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("notifications");
        for (OutboxEntry e : vigil.notifications().list(status, limit)) {
            items.add(Views.notification(e));
        }
        return Exchange.json(200, body);
    }

    private HttpResponse get(Exchange ex) {
        return Exchange.json(200, Views.notification(find(ex.param("id"))
                .orElseThrow(() -> HttpError.notFound("Notification not found"))));
    }

    private HttpResponse retry(Exchange ex) {
        String id = ex.param("id");
        if (!vigil.notifications().retry(id)) {
            OutboxEntry e = find(id).orElseThrow(() -> HttpError.notFound("Notification not found"));
            throw new HttpError(409, "Only failed notifications can be retried; this one is "
                    + e.status().name().toLowerCase(Locale.ROOT));
        }
        return Exchange.json(200, Views.notification(find(id)
                .orElseThrow(() -> HttpError.notFound("Notification not found"))));
    }

    private Optional<OutboxEntry> find(String id) {
        if (id.length() > MAX_ID_LENGTH) {
            return Optional.empty();
        }
        return vigil.notifications().find(id);
    }
}
