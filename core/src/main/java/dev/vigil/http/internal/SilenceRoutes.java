package dev.vigil.http.internal;

import dev.vigil.http.Json;
import dev.vigil.http.HttpError;
import dev.vigil.http.Exchange;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.Vigil;
import dev.vigil.http.AuthScheme;
import dev.vigil.http.HttpResponse;
import dev.vigil.model.Text;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Silence;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Silences and maintenance windows: {@code /api/v1/silences...}, with {@code X-API-Key}. Matchers are strings
 * ({@code "group=Maintenance"}, {@code "name=~backup-.*"}) or Alertmanager objects
 * ({@code {"name": "group", "value": "Maintenance", "isRegex": false, "isEqual": true}}).
 */
public final class SilenceRoutes {
    static final String BASE = "/api/v1/silences";
    private static final Set<String> FIELDS = Set.of("matchers", "starts_at", "ends_at", "duration", "created_by",
            "comment");
    private static final Set<String> MATCHER_FIELDS = Set.of("name", "value", "isRegex", "isEqual");
    private static final int MAX_ID_LENGTH = 64;
    private static final String EXAMPLE = "a silence such as {\"matchers\": [\"group=Maintenance\"], "
            + "\"duration\": \"2h\", \"created_by\": \"alice\", \"comment\": \"planned migration\"}";

    private final Vigil vigil;

    public SilenceRoutes(Vigil vigil) {
        this.vigil = vigil;
    }

    public RouteFamily family() {
        return RouteFamily.builder("silences").prefix(BASE).routes(routes()).build();
    }

    public List<Route> routes() {
        AuthScheme key = AuthScheme.API_KEY;
        return List.of(
                Route.authenticated("GET", BASE, key, NotificationRoutes.ADMIN, this::list),
                Route.authenticated("POST", BASE, key, NotificationRoutes.ADMIN, this::create),
                Route.authenticated("GET", BASE + "/{id}", key, NotificationRoutes.ADMIN, this::get),
                Route.authenticated("DELETE", BASE + "/{id}", key, NotificationRoutes.ADMIN, this::expire));
    }

    private HttpResponse list(Exchange ex) {
        String active = ex.query("active").orElse("false");
        if (!active.equals("true") && !active.equals("false")) {
            throw HttpError.badRequest("active must be true or false");
        }
        Instant now = vigil.clock().instant();
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("silences");
        vigil.silences().list(active.equals("true")).forEach(s -> items.add(Views.silence(s, now)));
        return Exchange.json(200, body);
    }

    private HttpResponse get(Exchange ex) {
        return Exchange.json(200, Views.silence(find(ex.param("id")), vigil.clock().instant()));
    }

    private Silence find(String id) {
        if (id.length() > MAX_ID_LENGTH) {
            throw HttpError.notFound("Silence not found");
        }
        return vigil.silences().get(id).orElseThrow(() -> HttpError.notFound("Silence not found"));
    }

    private HttpResponse expire(Exchange ex) {
        Silence s = find(ex.param("id"));
        if (!vigil.silences().expire(s.id())) {
            throw new HttpError(409, "This silence has already ended");
        }
        return Exchange.noContent();
    }

    private HttpResponse create(Exchange ex) {
        ObjectNode json = ex.jsonObject(EXAMPLE);
        Fields f = new Fields(json, "").allowOnly(FIELDS);
        List<LabelMatcher> matchers = matchers(json.get("matchers"));
        Instant now = vigil.clock().instant();
        Instant starts = instant(f, "starts_at");
        if (starts == null) {
            starts = now;
        }
        Instant ends = instant(f, "ends_at");
        Duration duration = f.duration("duration");
        if ((ends == null) == (duration == null)) {
            throw HttpError.badRequest("give either ends_at or duration");
        }
        if (ends == null) {
            ends = starts.plus(duration);
        }
        String createdBy = f.string("created_by");
        String comment = f.string("comment");
        try {
            Silence s = vigil.silences().create(matchers, starts, ends, createdBy == null ? "" : createdBy,
                    comment == null ? "" : comment);
            ObjectNode body = Views.silence(s, now);
            List<String> warnings = new ArrayList<>(0);
            if (createdBy != null && !Text.isStorable(createdBy)) {
                warnings.add(Text.replacedWarning("created_by"));
            }
            if (comment != null && !Text.isStorable(comment)) {
                warnings.add(Text.replacedWarning("comment"));
            }
            if (!warnings.isEmpty()) {
                ArrayNode w = body.putArray("warnings");
                warnings.forEach(w::add);
            }
            return Exchange.json(201, body, Map.of("Location", ex.url(BASE + "/" + s.id())));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
    }

    private static List<LabelMatcher> matchers(@Nullable JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw HttpError.badRequest("matchers: a non-empty list is required, e.g. [\"group=Maintenance\"]");
        }
        List<LabelMatcher> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode m = node.get(i);
            String path = "matchers[" + i + "]";
            try {
                if (m.isTextual()) {
                    out.add(LabelMatcher.parse(m.textValue()));
                } else if (m.isObject()) {
                    Fields mf = new Fields((ObjectNode) m, path).allowOnly(MATCHER_FIELDS);
                    boolean regex = Boolean.TRUE.equals(mf.bool("isRegex"));
                    boolean equal = !Boolean.FALSE.equals(mf.bool("isEqual"));
                    LabelMatcher.Op op = regex ? (equal ? LabelMatcher.Op.REGEX : LabelMatcher.Op.NOT_REGEX)
                            : (equal ? LabelMatcher.Op.EQUAL : LabelMatcher.Op.NOT_EQUAL);
                    out.add(new LabelMatcher(mf.requiredString("name"), op, mf.requiredString("value")));
                } else {
                    throw HttpError.badRequest(path + ": must be a string such as \"group=Maintenance\" or an object");
                }
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest(path + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static @Nullable Instant instant(Fields f, String field) {
        String text = f.string(field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw HttpError.badRequest(field + ": must be an ISO-8601 instant such as 2025-01-15T12:00:00Z, got '"
                    + Text.forLog(text.length() > 40 ? text.substring(0, 40) : text) + "'");
        }
    }
}
