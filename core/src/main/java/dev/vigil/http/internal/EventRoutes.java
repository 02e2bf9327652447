package dev.vigil.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.entity.CustomDevice;
import dev.vigil.entity.Entities;
import dev.vigil.entity.Entity;
import dev.vigil.entity.EntityDefinition;
import dev.vigil.entity.EntitySelector;
import dev.vigil.entity.EntityTag;
import dev.vigil.entity.SelectorSyntaxException;
import dev.vigil.event.Event;
import dev.vigil.event.EventIngest;
import dev.vigil.event.EventType;
import dev.vigil.event.Events;
import dev.vigil.event.IngestResult;
import dev.vigil.event.InvalidEventException;
import dev.vigil.event.Problem;
import dev.vigil.http.AuthScheme;
import dev.vigil.http.ErrorRenderer;
import dev.vigil.http.Exchange;
import dev.vigil.http.HttpError;
import dev.vigil.http.HttpResponse;
import dev.vigil.http.Json;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Seed 001 in Dynatrace's shapes: {@code POST /api/v2/events/ingest}, {@code GET /api/v2/events[/{eventId}]},
 * {@code GET /api/v2/entities[/{entityId}]}, {@code POST /api/v2/entities/custom},
 * {@code GET /api/v2/problems[/{problemId}]}, each also under {@code /e/{environment-id}}, with
 * {@code Authorization: Api-Token} (or the {@code api-token} query parameter) and Dynatrace's error envelope; and
 * Vigil's own {@code POST /api/v1/entities} ({@code X-API-Key}).
 */
public final class EventRoutes {
    public static final String INGEST = "events.ingest";
    public static final String EVENTS_READ = "events.read";
    public static final String ENTITIES_READ = "entities.read";
    public static final String ENTITIES_WRITE = "entities.write";
    public static final String PROBLEMS_READ = "problems.read";
    static final String ENV_PREFIX = "/e/{environment-id}";
    static final int ENTITY_PAGE = 50;
    static final int MAX_ENTITY_PAGE = 500;
    static final int EVENT_PAGE = 100;
    static final int PROBLEM_PAGE = 50;
    private static final Pattern RELATIVE = Pattern.compile("now(?:-(\\d{1,9})([smhdw]))?");
    private static final Set<String> INGEST_FIELDS = Set.of("eventType", "title", "startTime", "endTime", "timeout",
            "entitySelector", "properties");
    private static final Set<String> ENTITY_FIELDS = Set.of("tags", "properties", "fromRelationships",
            "toRelationships", "firstSeenTms", "lastSeenTms", "managementZones", "icon");

    private final Entities entities;
    private final Events events;
    private final InstantSource clock;
    private final @Nullable String environmentId;

    public EventRoutes(Entities entities, Events events, InstantSource clock, @Nullable String environmentId) {
        this.entities = entities;
        this.events = events;
        this.clock = clock;
        this.environmentId = environmentId;
    }

    /** Dynatrace's error envelope: {@code {"error":{"code":…,"message":…}}}. */
    public static final ErrorRenderer DYNATRACE_ERRORS = ErrorRenderer.json(e -> envelope(e.status(), e.message()));

    static ObjectNode envelope(int status, String message) {
        ObjectNode o = Json.object();
        ObjectNode err = o.putObject("error");
        err.put("code", status);
        err.put("message", message);
        return o;
    }

    public RouteFamily family() {
        RouteFamily.Builder b = RouteFamily.builder("dynatrace-api-v2").errors(DYNATRACE_ERRORS)
                .prefix("/api/v2/events").prefix("/api/v2/entities").prefix("/api/v2/problems")
                .prefix(ENV_PREFIX);
        for (String base : List.of("", ENV_PREFIX)) {
            AuthScheme t = AuthScheme.API_TOKEN;
            b.route(Route.authenticated("POST", base + "/api/v2/events/ingest", t, INGEST, env(this::ingest)));
            b.route(Route.authenticated("GET", base + "/api/v2/events", t, EVENTS_READ, env(this::listEvents)));
            b.route(Route.authenticated("GET", base + "/api/v2/events/{eventId}", t, EVENTS_READ, env(this::event)));
            b.route(Route.authenticated("GET", base + "/api/v2/entities", t, ENTITIES_READ, env(this::listEntities)));
            b.route(Route.authenticated("GET", base + "/api/v2/entities/{entityId}", t, ENTITIES_READ,
                    env(this::entity)));
            b.route(Route.authenticated("POST", base + "/api/v2/entities/custom", t, ENTITIES_WRITE,
                    env(this::custom)));
            b.route(Route.authenticated("GET", base + "/api/v2/problems", t, PROBLEMS_READ, env(this::listProblems)));
            b.route(Route.authenticated("GET", base + "/api/v2/problems/{problemId}", t, PROBLEMS_READ,
                    env(this::problem)));
        }
        return b.build();
    }

    /** Vigil's own entity routes ({@code X-API-Key}, scope {@code entities.write}), in Vigil's error shape. */
    public RouteFamily adminFamily() {
        return RouteFamily.builder("entities").prefix("/api/v1/entities").routes(List.of(
                Route.authenticated("POST", "/api/v1/entities", AuthScheme.API_KEY, ENTITIES_WRITE, this::define),
                Route.authenticated("DELETE", "/api/v1/entities/{entityId}", AuthScheme.API_KEY, ENTITIES_WRITE,
                        this::deleteEntity))).build();
    }

    /** Under {@code /e/{environment-id}}: any id, unless one is configured; then other ids are a 404. */
    private Route.Handler env(Route.Handler h) {
        return ex -> {
            String id = ex.params().get("environment-id");
            if (id != null && environmentId != null && !environmentId.equals(id)) {
                throw HttpError.notFound("Environment not found");
            }
            return h.handle(ex);
        };
    }

    // ---- ingest ----

    private HttpResponse ingest(Exchange ex) {
        JsonNode body = Json.parse(ex.body());
        List<String[]> violations = new ArrayList<>();
        if (body == null || !body.isObject()) {
            violations.add(new String[] {"body", body == null ? "must not be null: an EventIngest object is required"
                    : "must be a JSON object (EventIngest), got " + Json.kind(body)});
            return violations(violations);
        }
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!INGEST_FIELDS.contains(n)) {
                violations.add(new String[] {cut(n), "is not a field of EventIngest (expected one of eventType, "
                        + "title, startTime, endTime, timeout, entitySelector, properties)"});
            }
        }
        EventType type = null;
        JsonNode t = body.get("eventType");
        if (t == null || t.isNull()) {
            violations.add(new String[] {"eventType", "must not be null"});
        } else if (!t.isTextual() || EventType.parse(t.asText()).isEmpty()) {
            violations.add(new String[] {"eventType", "must be one of " + String.join(", ",
                    java.util.Arrays.stream(EventType.values()).map(Enum::name).toList())});
        } else {
            type = EventType.parse(t.asText()).get();
        }
        String title = null;
        JsonNode ti = body.get("title");
        if (ti == null || ti.isNull()) {
            violations.add(new String[] {"title", "must not be null"});
        } else if (!ti.isTextual()) {
            violations.add(new String[] {"title", "must be a string"});
        } else {
            title = ti.asText();
        }
        Long start = longField(body, "startTime", violations);
        Long end = longField(body, "endTime", violations);
        Long timeout = longField(body, "timeout", violations);
        String selector = null;
        JsonNode se = body.get("entitySelector");
        if (se != null && !se.isNull()) {
            if (!se.isTextual()) {
                violations.add(new String[] {"entitySelector", "must be a string"});
            } else {
                selector = se.asText();
                if (!selector.isBlank()) {
                    try {
                        EntitySelector.parse(selector);
                    } catch (SelectorSyntaxException e) {
                        violations.add(new String[] {"entitySelector", e.getMessage()});
                    }
                }
            }
        }
        Map<String, String> props = new LinkedHashMap<>();
        JsonNode pr = body.get("properties");
        if (pr != null && !pr.isNull()) {
            if (!pr.isObject()) {
                violations.add(new String[] {"properties", "must be an object of keys and values"});
            } else {
                Iterator<Map.Entry<String, JsonNode>> it = pr.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> f = it.next();
                    JsonNode v = f.getValue();
                    if (v.isValueNode() && !v.isNull()) {
                        props.put(f.getKey(), v.asText());
                    } else {
                        violations.add(new String[] {"properties." + cut(f.getKey()), "must be a string"});
                    }
                }
            }
        }
        if (timeout != null && (timeout < 1 || timeout > Integer.MAX_VALUE)) {
            violations.add(new String[] {"timeout", "must be at least 1 (minutes)"});
        }
        if (title != null && (title.isBlank() || title.length() > EventIngest.MAX_TITLE)) {
            violations.add(new String[] {"title", title.isBlank() ? "must not be blank"
                    : "must have at most " + EventIngest.MAX_TITLE + " characters"});
        }
        if (!violations.isEmpty()) {
            return violations(violations);
        }
        IngestResult r;
        try {
            r = events.ingest(new EventIngest(type, title, start, end, timeout == null ? null : timeout.intValue(),
                    selector, props));
        } catch (InvalidEventException e) {
            return violations(List.<String[]>of(new String[] {e.path(), e.detail()}));
        }
        ObjectNode out = Json.object();
        out.put("reportCount", r.reportCount());
        ArrayNode results = out.putArray("eventIngestResults");
        for (IngestResult.Report rep : r.reports()) {
            ObjectNode o = results.addObject();
            o.put("correlationId", rep.correlationId());
            o.put("status", rep.status().name());
        }
        return Exchange.json(201, out);
    }

    private static @Nullable Long longField(JsonNode body, String name, List<String[]> violations) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToLong() || !n.isIntegralNumber()) {
            violations.add(new String[] {name, "must be an integer" + (name.equals("timeout") ? " (minutes)"
                    : " (milliseconds since the epoch, UTC)")});
            return null;
        }
        return n.asLong();
    }

    /** Dynatrace's 400 with constraint violations. */
    private static HttpResponse violations(List<String[]> violations) {
        StringBuilder m = new StringBuilder("Constraints violated:");
        for (String[] v : violations) {
            m.append(' ').append(v[0]).append(' ').append(v[1]).append(';');
        }
        m.setLength(m.length() - 1);
        ObjectNode o = envelope(400, m.toString());
        ArrayNode cv = ((ObjectNode) o.get("error")).putArray("constraintViolations");
        for (String[] v : violations) {
            ObjectNode c = cv.addObject();
            c.put("path", v[0]);
            c.put("message", v[1]);
            c.put("parameterLocation", "PAYLOAD_BODY");
            c.putNull("location");
        }
        return Exchange.json(400, o);
    }

    // ---- events ----

    private HttpResponse listEvents(Exchange ex) {
        Map<String, String> p = paged(ex, List.of("from", "to", "eventSelector", "entitySelector", "pageSize"));
        Instant now = Instant.ofEpochMilli(clock.millis());
        Instant from = time(p.get("from"), "from", now.minus(Duration.ofHours(2)), now);
        Instant to = time(p.get("to"), "to", now, now);
        int size = size(p.get("pageSize"), EVENT_PAGE, Events.MAX_PAGE_SIZE);
        int offset = offset(p);
        Events.Page<Event> page = query(() -> events.query(new Events.Query(from, to, blankToNull(p.get("eventSelector")),
                blankToNull(p.get("entitySelector")), size, offset)));
        ObjectNode o = Json.object();
        o.put("totalCount", page.totalCount());
        o.put("pageSize", size);
        o.put("nextPageKey", page.more() ? pageKey(p, offset + size) : null);
        ArrayNode items = o.putArray("events");
        page.items().forEach(e -> items.add(eventView(e, now)));
        return Exchange.json(200, o);
    }

    private HttpResponse event(Exchange ex) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        return events.find(ex.param("eventId")).map(e -> Exchange.json(200, eventView(e, now)))
                .orElseThrow(() -> HttpError.notFound("Event not found: " + cut(ex.param("eventId"))));
    }

    static ObjectNode eventView(Event e, Instant now) {
        ObjectNode o = Json.object();
        o.put("eventId", e.eventId());
        o.put("startTime", e.start().toEpochMilli());
        if (e.isOpen(now)) {
            o.putNull("endTime");
        } else {
            o.put("endTime", e.end().toEpochMilli());
        }
        o.put("eventType", e.eventType().name());
        o.put("title", e.title());
        o.set("entityId", entityRef(e.entityId(), e.entityType(), e.entityName()));
        ArrayNode props = o.putArray("properties");
        e.properties().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(pr -> {
            ObjectNode kv = props.addObject();
            kv.put("key", pr.getKey());
            kv.put("value", pr.getValue());
        });
        o.put("status", e.isOpen(now) ? "OPEN" : "CLOSED");
        o.put("correlationId", e.correlationId());
        ArrayNode tags = o.putArray("entityTags");
        e.entityTags().forEach(t -> tags.add(tag(EntityTag.parse(t))));
        o.putArray("managementZones");
        o.put("underMaintenance", false);
        o.put("suppressAlert", false);
        o.put("suppressProblem", false);
        o.put("frequentEvent", false);
        return o;
    }

    static ObjectNode entityRef(String id, String type, String name) {
        ObjectNode ref = Json.object();
        ObjectNode inner = ref.putObject("entityId");
        inner.put("id", id);
        inner.put("type", type);
        ref.put("name", name);
        return ref;
    }

    // ---- problems ----

    private HttpResponse listProblems(Exchange ex) {
        Map<String, String> p = paged(ex, List.of("from", "to", "problemSelector", "entitySelector", "pageSize"));
        Instant now = Instant.ofEpochMilli(clock.millis());
        Instant from = time(p.get("from"), "from", now.minus(Duration.ofHours(2)), now);
        Instant to = time(p.get("to"), "to", now, now);
        int size = size(p.get("pageSize"), PROBLEM_PAGE, 500);
        int offset = offset(p);
        Events.Page<Problem> page = query(() -> events.problems(new Events.ProblemQuery(from, to,
                blankToNull(p.get("problemSelector")), blankToNull(p.get("entitySelector")), size, offset)));
        ObjectNode o = Json.object();
        o.put("totalCount", page.totalCount());
        o.put("pageSize", size);
        o.put("nextPageKey", page.more() ? pageKey(p, offset + size) : null);
        ArrayNode items = o.putArray("problems");
        page.items().forEach(pr -> items.add(problemView(pr)));
        return Exchange.json(200, o);
    }

    private HttpResponse problem(Exchange ex) {
        return events.problem(ex.param("problemId")).map(p -> Exchange.json(200, problemView(p)))
                .orElseThrow(() -> HttpError.notFound("Problem not found: " + cut(ex.param("problemId"))));
    }

    static ObjectNode problemView(Problem p) {
        ObjectNode o = Json.object();
        o.put("problemId", p.problemId());
        o.put("displayId", p.displayId());
        o.put("title", p.title());
        o.put("impactLevel", p.impactLevel());
        o.put("severityLevel", p.severityLevel());
        o.put("status", p.status());
        ObjectNode ref = entityRef(p.entityId(), p.entityType(), p.entityName());
        o.putArray("affectedEntities").add(ref);
        o.putArray("impactedEntities").add(ref.deepCopy());
        o.putNull("rootCauseEntity");
        o.putArray("managementZones");
        o.putArray("entityTags");
        o.putArray("problemFilters");
        o.put("startTime", p.start().toEpochMilli());
        o.put("endTime", p.isOpen() ? -1 : p.end().toEpochMilli());
        ObjectNode ev = o.putObject("evidenceDetails");
        ev.put("totalCount", p.events().size());
        ArrayNode details = ev.putArray("details");
        for (Problem.Evidence e : p.events()) {
            ObjectNode d = details.addObject();
            d.put("evidenceType", "EVENT");
            d.put("displayName", p.title());
            d.set("entity", entityRef(p.entityId(), p.entityType(), p.entityName()));
            d.putNull("groupingEntity");
            d.put("rootCauseRelevant", true);
            d.put("startTime", e.start().toEpochMilli());
            d.put("endTime", e.end().toEpochMilli());
            d.put("eventId", e.eventId());
            d.put("eventType", p.eventType().name());
        }
        return o;
    }

    // ---- entities ----

    private HttpResponse listEntities(Exchange ex) {
        Map<String, String> p = paged(ex, List.of("entitySelector", "from", "to", "fields", "pageSize", "sort"));
        String sel = blankToNull(p.get("entitySelector"));
        if (sel == null) {
            throw HttpError.badRequest("Constraints violated: entitySelector must be given (e.g. type(HOST))");
        }
        EntitySelector selector;
        try {
            selector = EntitySelector.parse(sel);
        } catch (SelectorSyntaxException e) {
            throw HttpError.badRequest("Constraints violated: entitySelector " + e.getMessage());
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        Instant from = time(p.get("from"), "from", now.minus(Duration.ofDays(3)), now);
        Set<String> fields = fields(p.get("fields"));
        int size = size(p.get("pageSize"), ENTITY_PAGE, MAX_ENTITY_PAGE);
        int offset = offset(p);
        List<Entity> all = entities.select(selector, from);
        ObjectNode o = Json.object();
        o.put("totalCount", all.size());
        o.put("pageSize", size);
        int end = Math.min(all.size(), offset + size);
        o.put("nextPageKey", end < all.size() ? pageKey(p, end) : null);
        ArrayNode items = o.putArray("entities");
        for (Entity e : all.subList(Math.min(offset, all.size()), end)) {
            items.add(entityView(e, fields));
        }
        return Exchange.json(200, o);
    }

    private HttpResponse entity(Exchange ex) {
        String id = ex.param("entityId");
        return entities.find(id).map(e -> Exchange.json(200, entityView(e, ENTITY_FIELDS)))
                .orElseThrow(() -> HttpError.notFound("Entity not found: " + cut(id)));
    }

    private static Set<String> fields(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        Set<String> out = new java.util.HashSet<>();
        for (String f : text.split(",")) {
            String n = f.strip();
            if (n.startsWith("+")) {
                n = n.substring(1);
            }
            if (!ENTITY_FIELDS.contains(n) && !n.equals("entityId") && !n.equals("displayName")
                    && !n.equals("type")) {
                throw HttpError.badRequest("Constraints violated: fields has the unknown field '" + cut(n)
                        + "' (expected +tags, +properties, +fromRelationships, +toRelationships, +firstSeenTms, "
                        + "+lastSeenTms)");
            }
            out.add(n);
        }
        return out;
    }

    static ObjectNode entityView(Entity e, Set<String> fields) {
        ObjectNode o = Json.object();
        o.put("entityId", e.entityId());
        o.put("type", e.type());
        o.put("displayName", e.displayName());
        if (fields.contains("firstSeenTms")) {
            o.put("firstSeenTms", e.firstSeen().toEpochMilli());
        }
        if (fields.contains("lastSeenTms")) {
            o.put("lastSeenTms", e.lastSeen().toEpochMilli());
        }
        if (fields.contains("properties")) {
            ObjectNode props = o.putObject("properties");
            new java.util.TreeMap<>(e.properties()).forEach(props::put);
        }
        if (fields.contains("tags")) {
            ArrayNode tags = o.putArray("tags");
            e.tags().forEach(t -> tags.add(tag(t)));
        }
        if (fields.contains("managementZones")) {
            o.putArray("managementZones");
        }
        if (fields.contains("fromRelationships")) {
            o.set("fromRelationships", relationships(e.fromRelationships()));
        }
        if (fields.contains("toRelationships")) {
            o.set("toRelationships", relationships(e.toRelationships()));
        }
        return o;
    }

    private static ObjectNode relationships(Map<String, List<String>> rels) {
        ObjectNode o = Json.object();
        new java.util.TreeMap<>(rels).forEach((rel, ids) -> {
            ArrayNode a = o.putArray(rel);
            for (String id : ids) {
                ObjectNode r = a.addObject();
                r.put("id", id);
                r.put("type", Entities.typeOf(id));
            }
        });
        return o;
    }

    static ObjectNode tag(EntityTag t) {
        ObjectNode o = Json.object();
        o.put("context", t.context());
        o.put("key", t.key());
        if (t.value() != null) {
            o.put("value", t.value());
        }
        o.put("stringRepresentation", t.stringRepresentation());
        return o;
    }

    private HttpResponse custom(Exchange ex) {
        ObjectNode b = Json.parseObject(ex.body(), "a custom device such as {\"customDeviceId\": \"dev-1\", "
                + "\"displayName\": \"Device 1\"}");
        Fields f = new Fields(b, "").allowOnly(Set.of("customDeviceId", "displayName", "type", "group", "ipAddresses",
                "listenPorts", "dnsNames", "properties", "configUrl", "faviconUrl"));
        String id = f.string("customDeviceId");
        String name = f.string("displayName");
        if (id == null || name == null) {
            throw HttpError.badRequest("Constraints violated: " + (id == null ? "customDeviceId" : "displayName")
                    + " must not be null");
        }
        List<Integer> ports = new ArrayList<>();
        JsonNode lp = b.get("listenPorts");
        if (lp != null && !lp.isNull()) {
            if (!lp.isArray()) {
                throw HttpError.badRequest("Constraints violated: listenPorts must be a list of port numbers");
            }
            for (JsonNode n : lp) {
                if (!n.isIntegralNumber()) {
                    throw HttpError.badRequest("Constraints violated: listenPorts must be a list of port numbers");
                }
                ports.add(n.asInt());
            }
        }
        CustomDevice.Result r;
        try {
            r = entities.customDevice(new CustomDevice(id, name, f.string("type"), f.string("group"),
                    orEmpty(f.strings("ipAddresses")), ports, orEmpty(f.strings("dnsNames")),
                    stringMap(b, "properties"), f.string("configUrl"), f.string("faviconUrl")));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Constraints violated: " + e.getMessage());
        }
        ObjectNode o = Json.object();
        o.put("entityId", r.entityId());
        o.put("groupId", r.groupId());
        return Exchange.json(201, o);
    }

    private HttpResponse define(Exchange ex) {
        ObjectNode b = Json.parseObject(ex.body(), "an entity such as {\"type\": \"HOST\", \"displayName\": "
                + "\"burst-1\", \"tags\": [\"env:prod\"]}");
        Fields f = new Fields(b, "").allowOnly(Set.of("type", "displayName", "tags", "properties", "fromRelationships"));
        String type = f.string("type");
        String name = f.string("displayName");
        if (type == null || name == null) {
            throw HttpError.badRequest((type == null ? "type" : "displayName") + " is required");
        }
        Map<String, List<String>> rels = new LinkedHashMap<>();
        JsonNode r = b.get("fromRelationships");
        if (r != null && !r.isNull()) {
            if (!r.isObject()) {
                throw HttpError.badRequest("fromRelationships must be an object such as {\"isInstanceOf\": "
                        + "[\"HOST_GROUP-0123456789ABCDEF\"]}");
            }
            Iterator<Map.Entry<String, JsonNode>> it = r.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                List<String> ids = new ArrayList<>();
                if (!e.getValue().isArray()) {
                    throw HttpError.badRequest("fromRelationships." + cut(e.getKey()) + " must be a list of entity ids");
                }
                e.getValue().forEach(n -> ids.add(n.asText()));
                rels.put(e.getKey(), ids);
            }
        }
        EntityDefinition d;
        try {
            d = new EntityDefinition(type, name, orEmpty(f.strings("tags")), stringMap(b, "properties"), rels);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        boolean existed = entities.find(Entities.entityId(d.type(), d.displayName())).isPresent();
        Entity e = entities.define(d);
        ObjectNode o = Json.object();
        o.put("entityId", e.entityId());
        return Exchange.json(existed ? 200 : 201, o);
    }

    private HttpResponse deleteEntity(Exchange ex) {
        if (!entities.delete(ex.param("entityId"))) {
            throw HttpError.notFound("Entity not found (only explicit entities can be deleted)");
        }
        return Exchange.noContent();
    }

    // ---- helpers ----

    private static List<String> orEmpty(@Nullable List<String> l) {
        return l == null ? List.of() : l;
    }

    private static Map<String, String> stringMap(ObjectNode b, String name) {
        JsonNode n = b.get(name);
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw HttpError.badRequest(name + " must be an object of keys and values");
        }
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw HttpError.badRequest(name + "." + cut(e.getKey()) + " must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static <T> T query(java.util.function.Supplier<T> run) {
        try {
            return run.get();
        } catch (InvalidEventException e) {
            throw HttpError.badRequest("Constraints violated: " + e.getMessage());
        }
    }

    /**
     * The query's parameters, or those a {@code nextPageKey} carries (which must then come alone, as in Dynatrace).
     */
    private static Map<String, String> paged(Exchange ex, List<String> names) {
        Optional<String> key = ex.query("nextPageKey").filter(k -> !k.isBlank());
        Map<String, String> p = new LinkedHashMap<>();
        if (key.isEmpty()) {
            for (String n : names) {
                ex.query(n).ifPresent(v -> p.put(n, v));
            }
            return p;
        }
        for (String n : names) {
            if (ex.query(n).isPresent()) {
                throw HttpError.badRequest("Constraints violated: with nextPageKey, omit the other query parameters"
                        + " (got " + n + ")");
            }
        }
        try {
            JsonNode n = Json.parse(Base64.getUrlDecoder().decode(key.get()));
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException();
            }
            n.fields().forEachRemaining(f -> p.put(f.getKey(), f.getValue().asText()));
        } catch (IllegalArgumentException | HttpError e) {
            throw HttpError.badRequest("Constraints violated: nextPageKey is not valid");
        }
        return p;
    }

    private static String pageKey(Map<String, String> params, int offset) {
        ObjectNode o = Json.object();
        params.forEach((k, v) -> {
            if (!k.equals("offset")) {
                o.put(k, v);
            }
        });
        o.put("offset", Integer.toString(offset));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(o));
    }

    private static int offset(Map<String, String> p) {
        String o = p.get("offset");
        try {
            return o == null ? 0 : Integer.parseInt(o);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("Constraints violated: nextPageKey is not valid");
        }
    }

    private static int size(@Nullable String text, int dflt, int max) {
        if (text == null || text.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw HttpError.badRequest("Constraints violated: pageSize must be between 1 and " + max);
    }

    /** ISO-8601, milliseconds since the epoch, or {@code now}, {@code now-2h} (units s, m, h, d, w). */
    static Instant time(@Nullable String text, String name, Instant dflt, Instant now) {
        if (text == null || text.isBlank()) {
            return dflt;
        }
        String t = text.strip();
        Matcher m = RELATIVE.matcher(t);
        if (m.matches()) {
            if (m.group(1) == null) {
                return now;
            }
            long n = Long.parseLong(m.group(1));
            Function<Long, Duration> unit = switch (m.group(2)) {
                case "s" -> Duration::ofSeconds;
                case "m" -> Duration::ofMinutes;
                case "h" -> Duration::ofHours;
                case "d" -> Duration::ofDays;
                default -> w -> Duration.ofDays(7 * w);
            };
            try {
                return now.minus(unit.apply(n));
            } catch (ArithmeticException | java.time.DateTimeException e) {
                throw HttpError.badRequest("Constraints violated: " + name + " is too far in the past: '" + cut(t)
                        + "'");
            }
        }
        if (t.chars().allMatch(Character::isDigit) && t.length() <= 15) {
            return Instant.ofEpochMilli(Long.parseLong(t));
        }
        try {
            return java.time.OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e2) {
                throw HttpError.badRequest("Constraints violated: " + name + " must be an ISO-8601 time, milliseconds "
                        + "since the epoch or a relative time such as now-2h, got '" + cut(t) + "'");
            }
        }
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String cut(String s) {
        String c = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        return new String(c.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
