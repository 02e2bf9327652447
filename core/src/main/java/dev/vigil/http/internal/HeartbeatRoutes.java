package dev.vigil.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.heartbeat.CheckEvent;
import dev.vigil.heartbeat.DuplicateHeartbeatException;
import dev.vigil.heartbeat.Heartbeat;
import dev.vigil.heartbeat.HeartbeatSpec;
import dev.vigil.heartbeat.Heartbeats;
import dev.vigil.http.ApiError;
import dev.vigil.http.AuthScheme;
import dev.vigil.http.Exchange;
import dev.vigil.http.HttpError;
import dev.vigil.http.HttpResponse;
import dev.vigil.http.Json;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import dev.vigil.internal.HeartbeatFields;
import dev.vigil.model.Text;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 004 (Canopsis API v2), HTTP Basic: {@code POST /api/v2/heartbeat}, {@code GET /api/v2/heartbeat/},
 * {@code GET|DELETE /api/v2/heartbeat/{id}} with the seed's exact bodies, and {@code POST /api/v2/event} (check
 * events). Every error is in the seed's envelope {@code {"name":"","description":"..."}}; a store failure on the
 * heartbeat routes is the seed's 400 "database error" (its cause is logged by the router), never a 503.
 */
public final class HeartbeatRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatRoutes.class);
    static final String BASE = "/api/v2/heartbeat";
    static final String EVENT = "/api/v2/event";
    static final String DATABASE_ERROR = "database error, please contact your administrator.";

    private final Heartbeats heartbeats;

    public HeartbeatRoutes(Heartbeats heartbeats) {
        this.heartbeats = heartbeats;
    }

    public RouteFamily family() {
        AuthScheme basic = AuthScheme.BASIC;
        return RouteFamily.builder("canopsis-heartbeats").prefix(BASE).prefix(EVENT)
                .route(Route.authenticated("POST", BASE, basic, null, this::create))
                .route(Route.authenticated("GET", BASE, basic, null, this::list))
                .route(Route.authenticated("GET", BASE + "/{id}", basic, null, this::get))
                .route(Route.authenticated("DELETE", BASE + "/{id}", basic, null, this::delete))
                .route(Route.authenticated("POST", EVENT, basic, null, this::event))
                .errors(HeartbeatRoutes::render)
                .build();
    }

    /** The seed's envelope for every error; store failures on the heartbeat routes as its "database error". */
    static HttpResponse render(ApiError e) {
        boolean heartbeatRoute = e.route() != null && e.route().template().startsWith(BASE);
        if (heartbeatRoute && (e.cause() == ApiError.Cause.STORE_UNAVAILABLE
                || e.cause() == ApiError.Cause.INTERNAL)) {
            ObjectNode body = Json.object();
            if (!e.method().equals("GET") && !e.method().equals("HEAD")) {
                body.put("name", "");
            }
            body.put("description", DATABASE_ERROR);
            return Exchange.json(400, body);
        }
        return Exchange.json(e.status(), envelope("", e.message()), e.headers());
    }

    private static ObjectNode envelope(String name, String description) {
        ObjectNode body = Json.object();
        body.put("name", name);
        body.put("description", description);
        return body;
    }

    private static HttpResponse notFound(String id) {
        ObjectNode body = Json.object();
        body.put("description", "heartbeat not found");
        body.put("name", id);
        return Exchange.json(404, body);
    }

    private HttpResponse create(Exchange ex) {
        HeartbeatSpec spec;
        try {
            spec = HeartbeatFields.fromJson(Json.parse(ex.body()));
        } catch (HttpError | IllegalArgumentException e) { // malformed JSON or a payload Canopsis refuses
            return Exchange.json(400, envelope("", "invalid heartbeat payload."));
        }
        try {
            Heartbeat created = heartbeats.create(spec);
            return Exchange.json(200, envelope("heartbeat created", created.id()));
        } catch (DuplicateHeartbeatException e) {
            return Exchange.json(400, envelope("", "heartbeat pattern already exists"));
        }
    }

    private HttpResponse list(Exchange ex) {
        ArrayNode out = Json.object().arrayNode();
        heartbeats.list().forEach(h -> out.add(view(h)));
        return Exchange.json(200, out);
    }

    private HttpResponse get(Exchange ex) {
        String id = ex.param("id");
        return heartbeats.get(id).map(h -> Exchange.json(200, view(h))).orElseGet(() -> notFound(id));
    }

    private HttpResponse delete(Exchange ex) {
        String id = ex.param("id");
        if (!heartbeats.delete(id)) {
            return notFound(id);
        }
        return Exchange.json(200, envelope("heartbeat removed", id));
    }

    static ObjectNode view(Heartbeat h) {
        ObjectNode n = Json.object();
        n.put("_id", h.id());
        ObjectNode p = n.putObject("pattern");
        h.spec().pattern().forEach(p::put);
        n.put("expected_interval", h.spec().expectedInterval());
        if (h.spec().sourceField() != null) {
            n.put("min_sources", h.spec().minSources());
            n.put("source_field", h.spec().sourceField());
        }
        return n;
    }

    // ---- check events ----

    private HttpResponse event(Exchange ex) {
        JsonNode body;
        try {
            body = Json.parse(ex.body());
        } catch (HttpError e) {
            return malformed(String.valueOf(e.getMessage()).replaceFirst("^Malformed JSON:? ?", ""));
        }
        if (body == null) {
            return malformed("the body is empty");
        }
        if (!body.isObject() && !body.isArray()) {
            return malformed("expected an event object or an array of events, got " + Json.kind(body));
        }
        List<JsonNode> events = body.isArray() ? iterate(body) : List.of(body);
        ObjectNode out = Json.object();
        ArrayNode sent = out.putArray("sent_events");
        ArrayNode failed = out.putArray("failed_events");
        out.putArray("retry_events");
        for (JsonNode e : events) {
            try {
                heartbeats.receive(checkEvent(e));
                sent.add(e);
            } catch (IllegalArgumentException problem) {
                LOG.info("Check event refused: {}", Text.forLog(String.valueOf(problem.getMessage())));
                failed.add(e);
            }
        }
        return Exchange.json(200, out);
    }

    private static HttpResponse malformed(String why) {
        ObjectNode body = Json.object();
        body.put("description", "malformed JSON : " + why);
        return Exchange.json(400, body);
    }

    private static List<JsonNode> iterate(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>(array.size());
        array.forEach(out::add);
        return out;
    }

    /** A check event from its JSON; scalar extra fields become text, nested ones are left out of the signal. */
    static CheckEvent checkEvent(JsonNode e) {
        if (!e.isObject()) {
            throw new IllegalArgumentException("an event must be a JSON object, got " + Json.kind(e));
        }
        Map<String, String> extra = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            if (!CheckEvent.STANDARD_FIELDS.contains(f.getKey()) && v.isValueNode() && !v.isNull()) {
                extra.put(f.getKey(), v.asText());
            }
        }
        return new CheckEvent(text(e, "connector"), text(e, "connector_name"), text(e, "event_type"),
                text(e, "source_type"), text(e, "component"), text(e, "resource"), state(e.get("state")),
                text(e, "output"), timestamp(e.get("timestamp")), extra);
    }

    private static @Nullable String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return v.textValue();
    }

    private static @Nullable Integer state(@Nullable JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v.isTextual() && v.textValue().matches("[0-3]")) {
            return Integer.parseInt(v.textValue());
        }
        throw new IllegalArgumentException("state must be 0, 1, 2 or 3");
    }

    private static @Nullable Long timestamp(@Nullable JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        throw new IllegalArgumentException("timestamp must be UNIX seconds");
    }
}
