package dev.vigil.http.internal;

import dev.vigil.http.Json;
import dev.vigil.http.HttpError;
import dev.vigil.http.Exchange;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.http.HttpResponse;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitors;
import dev.vigil.monitor.PushResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Seed 002: {@code GET|POST /api/push/{monitor_id}/{secret_key}}, exactly. */
public final class PushRoutes {
    public static final String TEMPLATE = "/api/push/{monitor_id}/{secret_key}";
    static final int MAX_STATUS_LENGTH = 100;
    static final int MAX_MESSAGE_LENGTH = 2000;
    static final int MAX_FIELDS = 200;

    private final PushMonitors monitors;

    public PushRoutes(PushMonitors monitors) {
        this.monitors = monitors;
    }

    public RouteFamily family() {
        return RouteFamily.builder("push").prefix("/api/push").routes(routes()).build();
    }

    public List<Route> routes() {
        return List.of(Route.open("GET", TEMPLATE, this::push).withoutHead(),
                Route.open("POST", TEMPLATE, this::push));
    }

    private HttpResponse push(Exchange ex) {
        long id = monitorId(ex.param("monitor_id"));
        List<String> extraWarnings = new ArrayList<>(1);
        Payload payload = payload(ex.json(), extraWarnings);
        PushResult r = monitors.push(id, ex.param("secret_key"), payload);
        switch (r.outcome()) {
            case MONITOR_NOT_FOUND:
                throw HttpError.notFound("Push monitor not found");
            case INVALID_SECRET:
                throw new HttpError(403, "Invalid secret key");
            case PAYLOAD_REQUIRED:
                throw HttpError.badRequest("This monitor requires a payload (require_payload: true): send a JSON "
                        + "body such as {\"status\": \"success\", \"message\": \"...\"}");
            default:
                break;
        }
        ObjectNode body = Json.object();
        body.put("success", true);
        body.put("monitor_id", r.monitorId());
        body.put("received_at", Json.instant(r.receivedAt()));
        body.put("next_expected_by", Json.instant(r.nextExpectedBy()));
        List<String> warnings = new ArrayList<>(r.warnings());
        warnings.addAll(extraWarnings);
        if (!warnings.isEmpty()) {
            ArrayNode w = body.putArray("warnings");
            warnings.forEach(w::add);
        }
        return Exchange.json(200, body);
    }

    /** A positive decimal id; anything else cannot name a monitor, so it is a 404 like an unknown id. */
    static long monitorId(String text) {
        if (text.isEmpty() || text.length() > 18) {
            throw HttpError.notFound("Push monitor not found");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw HttpError.notFound("Push monitor not found");
            }
        }
        long id = Long.parseLong(text);
        if (id <= 0) {
            throw HttpError.notFound("Push monitor not found");
        }
        return id;
    }

    /**
     * The optional seed 002 payload: {@code status}, {@code message}, and {@code details} (an object) flattened to
     * string fields such as {@code details.files_backed_up}; other top-level fields (the seed's "include metadata"
     * example) are kept as fields too.
     */
    static Payload payload(@Nullable JsonNode json, List<String> warnings) {
        if (json == null) {
            return Payload.EMPTY;
        }
        if (!json.isObject()) {
            throw HttpError.badRequest("Request body must be a JSON object such as {\"status\": \"success\", "
                    + "\"message\": \"...\"}, got " + Json.kind(json));
        }
        Fields f = new Fields((ObjectNode) json, "");
        String status = f.string("status");
        if (status != null && status.length() > MAX_STATUS_LENGTH) {
            throw f.error("status", "must be at most " + MAX_STATUS_LENGTH + " characters");
        }
        String message = f.string("message");
        if (message != null && message.length() > MAX_MESSAGE_LENGTH) {
            int cut = Character.isHighSurrogate(message.charAt(MAX_MESSAGE_LENGTH - 1)) ? MAX_MESSAGE_LENGTH - 1
                    : MAX_MESSAGE_LENGTH; // never cut a character in half
            message = message.substring(0, cut);
            warnings.add("message was cut to " + MAX_MESSAGE_LENGTH + " characters");
        }
        JsonNode details = json.get("details");
        if (details != null && !details.isNull() && !details.isObject()) {
            throw f.error("details", "must be an object, got " + Json.kind(details));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (!name.equals("status") && !name.equals("message")) {
                flatten(name, e.getValue(), fields);
            }
        }
        return new Payload(status, message, fields);
    }

    private static void flatten(String name, JsonNode value, Map<String, String> out) {
        if (out.size() >= MAX_FIELDS) {
            throw HttpError.badRequest("Payload has more than " + MAX_FIELDS + " fields");
        }
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(name + "." + e.getKey(), e.getValue(), out);
            }
        } else if (value.isValueNode()) {
            if (!value.isNull()) {
                out.put(name, value.asText());
            }
        } else {
            out.put(name, Json.text(value));
        }
    }
}
