package dev.vigil.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.http.AuthScheme;
import dev.vigil.http.Exchange;
import dev.vigil.http.HttpError;
import dev.vigil.http.HttpResponse;
import dev.vigil.http.Json;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import dev.vigil.model.Text;
import dev.vigil.task.Apps;
import dev.vigil.task.Crash;
import dev.vigil.task.Metric;
import dev.vigil.task.MetricSample;
import dev.vigil.task.Release;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Data in for tasks: {@code POST /api/v1/apps/{app}/metrics} (one sample or an array), {@code .../crashes} and
 * {@code .../releases}, with {@code X-API-Key} (scope {@value #SCOPE}). All or nothing: a wrong sample is a 400 that
 * names its index and field, and none of the request is recorded.
 */
public final class AppRoutes {
    public static final String SCOPE = "metrics.write";
    static final String BASE = "/api/v1/apps";

    private final Apps apps;

    public AppRoutes(Apps apps) {
        this.apps = apps;
    }

    public RouteFamily family() {
        return RouteFamily.builder("apps").prefix(BASE).routes(routes()).build();
    }

    public List<Route> routes() {
        AuthScheme key = AuthScheme.API_KEY;
        return List.of(
                Route.authenticated("POST", BASE + "/{app}/metrics", key, SCOPE, this::metrics),
                Route.authenticated("POST", BASE + "/{app}/crashes", key, SCOPE, this::crash),
                Route.authenticated("POST", BASE + "/{app}/releases", key, SCOPE, this::release));
    }

    private HttpResponse metrics(Exchange ex) {
        String app = ex.param("app");
        JsonNode body = ex.json();
        if (body == null || !(body.isObject() || body.isArray())) {
            throw HttpError.badRequest("Request body must be a sample {\"metric\", \"value\", \"dyno\", \"timestamp\"}"
                    + " or an array of them");
        }
        List<MetricSample> samples = new ArrayList<>();
        try {
            if (body.isObject()) {
                samples.add(sample(body, ""));
            } else {
                if (body.isEmpty()) {
                    throw new IllegalArgumentException("the array holds no sample");
                }
                for (int i = 0; i < body.size(); i++) {
                    samples.add(sample(body.get(i), "[" + i + "] "));
                }
            }
            int n = apps.record(app, samples);
            ObjectNode o = Json.object();
            o.put("app", app);
            o.put("accepted", n);
            return Exchange.json(200, o);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
    }

    private static MetricSample sample(JsonNode n, String where) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + "sample must be a JSON object");
        }
        String metric = string(n, "metric", where);
        if (metric == null) {
            throw new IllegalArgumentException(where + "metric: is required (http_requests, http_5xx or memory_mb)");
        }
        Metric m = Metric.parse(metric).orElseThrow(() -> new IllegalArgumentException(where + "metric: must be"
                + " http_requests, http_5xx or memory_mb, got '" + shown(metric) + "'"));
        JsonNode v = n.get("value");
        double value;
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + "value: is required");
        } else if (v.isNumber()) {
            value = v.asDouble();
        } else if (v.isTextual() && v.asText().trim().matches("[0-9]+(\\.[0-9]+)?")) {
            value = Double.parseDouble(v.asText().trim());
        } else {
            throw new IllegalArgumentException(where + "value: must be a number, got " + describe(v));
        }
        try {
            return new MetricSample(m, value, string(n, "dyno", where), time(n, where));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage());
        }
    }

    private HttpResponse crash(Exchange ex) {
        ObjectNode b = ex.jsonObject("a crash {\"dyno\", \"reason\", \"timestamp\"}");
        try {
            apps.crash(ex.param("app"), new Crash(string(b, "dyno", ""), string(b, "reason", ""), time(b, "")));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        return recorded(ex.param("app"));
    }

    private HttpResponse release(Exchange ex) {
        ObjectNode b = ex.jsonObject("a release {\"version\", \"description\", \"timestamp\"}");
        try {
            apps.release(ex.param("app"), new Release(string(b, "version", ""), string(b, "description", ""),
                    time(b, "")));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        return recorded(ex.param("app"));
    }

    private static HttpResponse recorded(String app) {
        ObjectNode o = Json.object();
        o.put("app", app);
        o.put("accepted", 1);
        return Exchange.json(200, o);
    }

    /** A string field; numbers are taken as their text (a version 42), other types are an error. */
    private static @Nullable String string(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isNumber()) {
            return v.asText();
        }
        throw new IllegalArgumentException(where + field + ": must be a string, got " + describe(v));
    }

    /** {@code timestamp}: epoch milliseconds, or ISO-8601 ({@code 2025-01-15T12:00:00Z}); absent means now. */
    private static @Nullable Instant time(JsonNode n, String where) {
        JsonNode v = n.get("timestamp");
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return Instant.ofEpochMilli(v.asLong());
        }
        if (v.isTextual()) {
            String s = v.asText().trim();
            if (s.matches("[0-9]{1,15}")) {
                return Instant.ofEpochMilli(Long.parseLong(s));
            }
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(where + "timestamp: must be epoch milliseconds or ISO-8601 such as"
                        + " 2025-01-15T12:00:00Z, got '" + shown(s) + "'");
            }
        }
        throw new IllegalArgumentException(where + "timestamp: must be epoch milliseconds or an ISO-8601 string, got "
                + describe(v));
    }

    private static String describe(JsonNode v) {
        return v.isTextual() ? "'" + shown(v.asText()) + "'" : v.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String shown(String s) {
        return Text.forLog(s.length() > 80 ? s.substring(0, 80) + "..." : s);
    }
}
