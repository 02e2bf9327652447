package dev.vigil.http.internal;

import dev.vigil.http.Json;
import dev.vigil.http.HttpError;
import dev.vigil.http.Exchange;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.http.AuthScheme;
import dev.vigil.http.HttpResponse;
import dev.vigil.internal.PushMonitorFields;
import dev.vigil.model.Text;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.PushMonitor;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.monitor.PushMonitors;
import dev.vigil.model.Transition;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The admin API for push monitors: {@code /api/v1/monitors...}, with {@code X-API-Key}. */
public final class MonitorRoutes {
    static final String BASE = "/api/v1/monitors";
    static final int DEFAULT_HISTORY = 50;
    static final int MAX_HISTORY = 1000;
    private static final String CREATE_BODY = "a monitor such as {\"name\": \"Daily Backup Job\", "
            + "\"config\": {\"expected_interval\": 86400, \"grace_period\": 3600}}";

    private final PushMonitors monitors;

    public MonitorRoutes(PushMonitors monitors) {
        this.monitors = monitors;
    }

    public RouteFamily family() {
        return RouteFamily.builder("monitors").prefix(BASE).routes(routes()).build();
    }

    public List<Route> routes() {
        AuthScheme key = AuthScheme.API_KEY;
        return List.of(
                Route.authenticated("GET", BASE, key, NotificationRoutes.ADMIN, this::list),
                Route.authenticated("POST", BASE, key, NotificationRoutes.ADMIN, this::create),
                Route.authenticated("GET", BASE + "/{id}", key, NotificationRoutes.ADMIN, this::get),
                Route.authenticated("PATCH", BASE + "/{id}", key, NotificationRoutes.ADMIN, this::patch),
                Route.authenticated("DELETE", BASE + "/{id}", key, NotificationRoutes.ADMIN, this::delete),
                Route.authenticated("POST", BASE + "/{id}/pause", key, NotificationRoutes.ADMIN, ex -> view(monitors.pause(id(ex)))),
                Route.authenticated("POST", BASE + "/{id}/resume", key, NotificationRoutes.ADMIN, ex -> view(monitors.resume(id(ex)))),
                Route.authenticated("POST", BASE + "/{id}/rotate-secret", key, NotificationRoutes.ADMIN, this::rotate),
                Route.authenticated("GET", BASE + "/{id}/history", key, NotificationRoutes.ADMIN, this::history));
    }

    private HttpResponse list(Exchange ex) {
        String group = ex.query("group").orElse(null);
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("monitors");
        for (PushMonitor m : monitors.list()) {
            if (group == null || group.equals(m.spec().group())) {
                items.add(Views.monitor(m));
            }
        }
        return Exchange.json(200, body);
    }

    private HttpResponse get(Exchange ex) {
        return view(monitors.get(id(ex)).orElseThrow(() -> HttpError.notFound("Push monitor not found")));
    }

    private HttpResponse create(Exchange ex) {
        Fields f = new Fields(ex.jsonObject(CREATE_BODY), "").allowOnly(PushMonitorFields.CREATE);
        CreatedMonitor created;
        try { // builder setters may validate eagerly, build() validates everything: both are a 400
            PushMonitorSpec spec = PushMonitorFields.build(f, PushMonitorFields.create(f));
            String secret = f.string("secret_key");
            created = secret == null ? monitors.create(spec) : monitors.create(spec, secret);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        ObjectNode body = Views.monitor(created.monitor());
        body.put("push_url", ex.url(created.pushPath()));
        body.put("secret_key", created.secret());
        return Exchange.json(201, body, Map.of("Location", ex.url(BASE + "/" + created.id())));
    }

    private HttpResponse patch(Exchange ex) {
        long id = id(ex);
        Fields f = new Fields(ex.jsonObject("the fields to change, such as {\"config\": {\"grace_period\": 7200}}"),
                "");
        if (f.has("secret_key")) {
            throw HttpError.badRequest("secret_key cannot be set here; use POST " + BASE + "/{id}/rotate-secret");
        }
        f.allowOnly(PushMonitorFields.MONITOR);
        PushMonitor current = monitors.get(id).orElseThrow(() -> HttpError.notFound("Push monitor not found"));
        try { // builder setters may validate eagerly, build() validates everything: both are a 400
            PushMonitorSpec spec = PushMonitorFields.build(f, PushMonitorFields.apply(f, current.spec().toBuilder()));
            return view(monitors.update(id, spec));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
    }

    private HttpResponse delete(Exchange ex) {
        if (!monitors.delete(id(ex))) {
            throw HttpError.notFound("Push monitor not found");
        }
        return Exchange.noContent();
    }

    private HttpResponse rotate(Exchange ex) {
        long id = id(ex);
        String secret = monitors.rotateSecret(id);
        ObjectNode body = Json.object();
        body.put("id", id);
        body.put("secret_key", secret);
        body.put("push_url", ex.url("/api/push/" + id + "/" + secret));
        return Exchange.json(200, body);
    }

    private HttpResponse history(Exchange ex) {
        long id = id(ex);
        int limit = limit(ex, DEFAULT_HISTORY, MAX_HISTORY);
        List<Transition> transitions = monitors.history(id, limit);
        ObjectNode body = Json.object();
        body.put("monitor_id", id);
        ArrayNode items = body.putArray("transitions");
        transitions.forEach(t -> items.add(Views.transition(t)));
        return Exchange.json(200, body);
    }

    private static HttpResponse view(PushMonitor m) {
        return Exchange.json(200, Views.monitor(m));
    }

    private static long id(Exchange ex) {
        return PushRoutes.monitorId(ex.param("id"));
    }

    /** The {@code limit} query parameter, 1 to max. */
    static int limit(Exchange ex, int defaultLimit, int max) {
        @Nullable String text = ex.query("limit").orElse(null);
        if (text == null || text.isEmpty()) {
            return defaultLimit;
        }
        int limit;
        try {
            limit = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > max) {
            throw HttpError.badRequest("limit must be a whole number between 1 and " + max + ", got '"
                    + Text.forLog(text.length() > 20 ? text.substring(0, 20) : text) + "'");
        }
        return limit;
    }
}
