package dev.vigil.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.http.AuthScheme;
import dev.vigil.http.Exchange;
import dev.vigil.http.HttpError;
import dev.vigil.http.HttpResponse;
import dev.vigil.http.Json;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import dev.vigil.internal.Durations;
import dev.vigil.model.Text;
import dev.vigil.task.Task;
import dev.vigil.task.TaskExistsException;
import dev.vigil.task.TaskNotFoundException;
import dev.vigil.task.TaskSpec;
import dev.vigil.task.TaskStatus;
import dev.vigil.task.TaskType;
import dev.vigil.task.Tasks;
import dev.vigil.task.Tolerance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Seed 003's tasks API (Akkeris kapacitor-alerts-api), with its literal routes and status codes: POST and PATCH 201
 * with an empty body, DELETE 200 with an empty body, GET 200, a missing task 404 with the body {@code null}.
 * Deliberately unlike upstream (which answers every error with 500): validation errors are 400
 * {@code {"error": "<field>: ..."}}, creating a task that exists is 409. {@code X-API-Key} with scope
 * {@value #SCOPE}, unless the family is opened for a drop-in replacement behind a trusted network.
 */
public final class TaskRoutes {
    public static final String SCOPE = "tasks.write";
    /** The response header that carries warnings about a task's targets. */
    public static final String WARNING_HEADER = "Vigil-Warning";

    private final Tasks tasks;
    private final boolean open;

    public TaskRoutes(Tasks tasks, boolean open) {
        this.tasks = tasks;
        this.open = open;
    }

    public RouteFamily family() {
        return RouteFamily.builder("tasks").prefix("/tasks").prefix("/task").routes(routes()).build();
    }

    public List<Route> routes() {
        List<Route> r = new ArrayList<>();
        for (TaskType t : TaskType.values()) {
            String w = t.wireName();
            r.add(route("POST", "/task/" + w, ex -> write(ex, t, false)));
            r.add(route("PATCH", "/task/" + w, ex -> write(ex, t, true)));
            if (t == TaskType.MEMORY) {
                r.add(route("GET", "/tasks/memory", ex -> list(tasks.list(TaskType.MEMORY))));
                r.add(route("GET", "/tasks/memory/{app}", ex -> list(tasks.listMemory(ex.param("app")))));
                r.add(route("GET", "/tasks/memory/{app}/{dyno}", ex -> one(tasks.findMemory(ex.param("app"),
                        dyno(ex)))));
                r.add(route("DELETE", "/task/memory/{app}/{dyno}", ex -> deleted(tasks.deleteMemory(ex.param("app"),
                        dyno(ex)))));
            } else {
                r.add(route("GET", "/tasks/" + w, ex -> list(tasks.list(t))));
                r.add(route("GET", "/task/" + w + "/{app}", ex -> one(tasks.find(t, ex.param("app")))));
                r.add(route("DELETE", "/task/" + w + "/{app}", ex -> deleted(tasks.delete(t, ex.param("app")))));
            }
        }
        r.add(route("GET", "/task/5xx/{app}/state", ex -> state(tasks.find(TaskType.FIVE_XX, ex.param("app")))));
        return r;
    }

    private Route route(String method, String template, Route.Handler h) {
        return open ? Route.open(method, template, h)
                : Route.authenticated(method, template, AuthScheme.API_KEY, SCOPE, h);
    }

    private static String dyno(Exchange ex) {
        return ex.param("dyno").toLowerCase(java.util.Locale.ROOT);
    }

    private HttpResponse write(Exchange ex, TaskType type, boolean patch) {
        JsonNode body = ex.json();
        if (body == null || !body.isObject()) {
            throw HttpError.badRequest("Request body must be a JSON object with app and at least one of slack, email"
                    + " and post" + (body == null ? "" : ", got " + body.getNodeType().name().toLowerCase(
                    java.util.Locale.ROOT)));
        }
        TaskSpec spec;
        try {
            spec = spec(type, (ObjectNode) body);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        Task t;
        try {
            t = patch ? tasks.update(spec) : tasks.create(spec);
        } catch (TaskExistsException e) {
            throw new HttpError(409, e.getMessage());
        } catch (TaskNotFoundException e) {
            return Exchange.json(404, NullNode.getInstance());
        }
        Map<String, String> headers = t.warnings().isEmpty() ? Map.of()
                : Map.of(WARNING_HEADER, Text.forLog(String.join("; ", t.warnings())));
        return empty(201, headers);
    }

    /** Reads a body as the seed writes it: warn and crit as numbers or numeric strings, durations as strings. */
    static TaskSpec spec(TaskType type, ObjectNode b) {
        String app = string(b, "app");
        TaskSpec.Builder builder = switch (type) {
            case FIVE_XX -> {
                String tol = string(b, "tolerance");
                if (tol == null || tol.isBlank()) {
                    throw new IllegalArgumentException("tolerance: is required (low, medium or high)");
                }
                Tolerance t = Tolerance.parse(tol).orElseThrow(() -> new IllegalArgumentException(
                        "tolerance: must be low, medium or high, got '" + shown(tol) + "'"));
                yield TaskSpec.fiveXx(app, t);
            }
            case MEMORY -> {
                String dynotype = string(b, "dynotype");
                if (dynotype == null) {
                    throw new IllegalArgumentException("dynotype: is required (web, worker, ... or all)");
                }
                yield TaskSpec.memory(app, dynotype, megabytes(b, "warn"), megabytes(b, "crit"),
                        duration(b, "window"), duration(b, "every"));
            }
            case CRASHED -> TaskSpec.crashed(app);
            case RELEASE -> TaskSpec.release(app);
        };
        return builder.slack(string(b, "slack")).email(string(b, "email")).post(string(b, "post")).build();
    }

    private static @Nullable String string(ObjectNode b, String field) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException(field + ": must be a string, got " + n.getNodeType().name()
                    .toLowerCase(java.util.Locale.ROOT));
        }
        return n.asText();
    }

    private static double megabytes(ObjectNode b, String field) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
            throw new IllegalArgumentException(field + ": is required, in MB (e.g. \"200\")");
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            try {
                double v = Double.parseDouble(n.asText().trim());
                if (!Double.isNaN(v) && !Double.isInfinite(v) && n.asText().trim().matches("[-+]?[0-9.eE+-]+")) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(field + ": must be a number of MB such as 200 or \"200\", got "
                + (n.isTextual() ? "'" + shown(n.asText()) + "'" : n.getNodeType().name().toLowerCase(
                java.util.Locale.ROOT)));
    }

    private static Duration duration(ObjectNode b, String field) {
        String s = string(b, field);
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(field + ": is required, a duration such as "
                    + (field.equals("window") ? "12h" : "1m"));
        }
        String t = s.trim();
        if (!t.matches("(?:\\d{1,9}[dhms])+")) {
            throw new IllegalArgumentException(field + ": must be a duration such as 12h, 30m, 1h30m or 10s, got '"
                    + shown(t) + "'");
        }
        return Durations.parse(t);
    }

    private static HttpResponse list(List<Task> all) {
        ArrayNode a = Json.object().arrayNode();
        all.forEach(t -> a.add(view(t)));
        return Exchange.json(200, a);
    }

    private static HttpResponse one(Optional<Task> t) {
        return t.map(task -> Exchange.json(200, view(task)))
                .orElseGet(() -> Exchange.json(404, NullNode.getInstance()));
    }

    private static HttpResponse deleted(boolean deleted) {
        return deleted ? empty(200, Map.of()) : Exchange.json(404, NullNode.getInstance());
    }

    /** {@code {"app", "state"}} as upstream, plus Vigil's {@code value}, {@code sigma}, {@code since}, ... */
    private static HttpResponse state(Optional<Task> t) {
        if (t.isEmpty()) {
            return Exchange.json(404, NullNode.getInstance());
        }
        TaskStatus s = t.get().status();
        ObjectNode o = Json.object();
        o.put("app", t.get().spec().app());
        o.put("state", s.level().name());
        putNumber(o, "value", s.value());
        putNumber(o, "sigma", s.sigma());
        putNumber(o, "error_rate", s.errorRate());
        o.put("mean", s.mean());
        o.put("stddev", s.stddev());
        o.put("since", s.since().toString());
        if (s.evaluatedAt() == null) {
            o.putNull("evaluated_at");
        } else {
            o.put("evaluated_at", s.evaluatedAt().toString());
        }
        return Exchange.json(200, o);
    }

    /** A number, or null when there is none or it is infinite (a count above a mean that never varied). */
    private static void putNumber(ObjectNode o, String field, @Nullable Double v) {
        if (v == null || v.isInfinite() || v.isNaN()) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }

    /**
     * A task as upstream shows it (unset targets as empty strings, warn and crit as strings), plus {@code warnings}
     * when a target's integration is not configured.
     */
    static ObjectNode view(Task t) {
        TaskSpec s = t.spec();
        ObjectNode o = Json.object();
        o.put("app", s.app());
        switch (s.type()) {
            case FIVE_XX -> o.put("tolerance", s.tolerance() == null ? "" : s.tolerance().wireName());
            case MEMORY -> {
                o.put("dynotype", s.dynotype());
                o.put("warn", TaskSpec.megabytes(s.warn()));
                o.put("crit", TaskSpec.megabytes(s.crit()));
                o.put("window", format(s.window()));
                o.put("every", format(s.every()));
            }
            default -> { }
        }
        o.put("slack", s.slack() == null ? "" : s.slack());
        o.put("email", s.email() == null ? "" : s.email());
        o.put("post", s.post() == null ? "" : s.post());
        if (!t.warnings().isEmpty()) {
            ArrayNode w = o.putArray("warnings");
            t.warnings().forEach(w::add);
        }
        return o;
    }

    /** {@code 12h}, {@code 1h30m}, {@code 90s}: hours at most, as Kapacitor writes them. */
    static String format(@Nullable Duration d) {
        if (d == null) {
            return "";
        }
        long s = d.getSeconds();
        StringBuilder out = new StringBuilder();
        if (s >= 3600) {
            out.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            out.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0 || out.length() == 0) {
            out.append(s).append('s');
        }
        return out.toString();
    }

    private static HttpResponse empty(int status, Map<String, String> headers) {
        Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put("Cache-Control", "no-store");
        return new HttpResponse(status, h, new byte[0]);
    }

    private static String shown(String s) {
        return Text.forLog(s.length() > 80 ? s.substring(0, 80) + "..." : s);
    }
}
