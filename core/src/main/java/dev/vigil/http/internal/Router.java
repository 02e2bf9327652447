package dev.vigil.http.internal;

import dev.vigil.idempotency.Idempotency;
import dev.vigil.http.ApiError;
import dev.vigil.http.AuthResult;
import dev.vigil.http.AuthScheme;
import dev.vigil.http.Authenticator;
import dev.vigil.http.BodyTooLargeException;
import dev.vigil.http.ErrorRenderer;
import dev.vigil.http.Exchange;
import dev.vigil.http.HttpError;
import dev.vigil.http.HttpRequest;
import dev.vigil.http.HttpResponse;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import dev.vigil.internal.IdempotencyKeys;
import dev.vigil.internal.LogLimiter;
import dev.vigil.internal.Secrets;
import dev.vigil.model.Text;
import dev.vigil.monitor.DuplicateMonitorNameException;
import dev.vigil.monitor.MonitorNotFoundException;
import dev.vigil.spi.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches a request to a route and runs it: 404 for an unknown path, 405 (with {@code Allow}) for a known path and
 * a wrong method, {@code OPTIONS} answered from the routes, {@code HEAD} as {@code GET} without a body (except on
 * routes with side effects), authentication with throttling of repeated failures, and every exception turned into
 * an error that the route's {@link RouteFamily} renders. Nothing a client sends can produce a stack trace in a
 * response.
 *
 * <p>Routes are kept in a trie by path segment: a lookup walks the path's segments, trying a literal child before
 * the parameter child, so its cost depends on the path, not on how many routes there are. All templates matching
 * the path take part: the first (in literal-first order) that has the request's method runs, and {@code Allow}
 * lists the methods of all of them.
 */
public final class Router {
    private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.http");
    private static final List<String> METHOD_ORDER = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "OPTIONS");
    /** The header that makes a POST idempotent. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Seconds a client should wait when the store is unavailable. */
    public static final String STORE_RETRY_AFTER = "5";
    /** A repeated server-side failure (same route, same exception class) is logged at most once per window. */
    static final Duration LOG_WINDOW = Duration.ofMinutes(1);
    private static final RouteFamily NO_FAMILY = RouteFamily.builder("default")
            .route(Route.open("GET", "/", ex -> Exchange.noContent())).build();

    /** A route in the trie: where it sits, its family, the names of its parameters by segment index. */
    private record Entry(Route route, RouteFamily family, String[] names) {
    }

    /** A trie node: literal children, one parameter child, the routes whose template ends here (by method). */
    private static final class Node {
        final Map<String, Node> literals = new HashMap<>(4);
        @Nullable Node param;
        final Map<String, Entry> byMethod = new LinkedHashMap<>(2);
    }

    private record Prefix(List<String> segments, RouteFamily family) {
    }

    /** What a path matched: the trie nodes with routes (most specific first) and the segments. */
    public static final class Match {
        private final List<Node> nodes = new ArrayList<>(2);
        private final List<String> path;

        private Match(List<String> path) {
            this.path = path;
        }

        public boolean found() {
            return !nodes.isEmpty();
        }

        /** The route for the method ({@code HEAD} finds a GET route that allows it), or null. */
        public @Nullable Route route(String method) {
            Entry e = entry(method);
            return e == null ? null : e.route();
        }

        @Nullable Entry entry(String method) {
            for (Node n : nodes) {
                Entry e = n.byMethod.get(method);
                if (e == null && method.equals("HEAD")) {
                    e = n.byMethod.get("GET");
                    if (e != null && !e.route().allowHead()) {
                        e = null;
                    }
                }
                if (e != null) {
                    return e;
                }
            }
            return null;
        }

        Map<String, String> params(Entry e) {
            Map<String, String> out = null;
            for (int i = 0; i < e.names().length; i++) {
                if (e.names()[i] != null) {
                    if (out == null) {
                        out = new HashMap<>(4);
                    }
                    out.put(e.names()[i], path.get(i));
                }
            }
            return out == null ? Map.of() : out;
        }
    }

    private final Node root = new Node();
    private final List<Prefix> prefixes = new ArrayList<>();
    private final Map<AuthScheme, Authenticator> authenticators;
    private final AuthThrottle throttle;
    private final int maxBodyBytes;
    private final LogLimiter errorLog;
    private final @Nullable Idempotency idempotency;

    /** One family of routes with Vigil's error shape (for tests). */
    public Router(List<Route> routes, Map<AuthScheme, Authenticator> authenticators, AuthThrottle throttle,
            int maxBodyBytes) {
        this(routes, authenticators, throttle, maxBodyBytes, InstantSource.system());
    }

    /** One family of routes with Vigil's error shape (for tests). */
    public Router(List<Route> routes, Map<AuthScheme, Authenticator> authenticators, AuthThrottle throttle,
            int maxBodyBytes, InstantSource clock) {
        this(authenticators, throttle, maxBodyBytes, clock, List.of(RouteFamily.of("routes", routes)), null);
    }

    /** Routes of several families, without idempotency keys. */
    public Router(Map<AuthScheme, Authenticator> authenticators, AuthThrottle throttle, int maxBodyBytes,
            InstantSource clock, List<RouteFamily> families) {
        this(authenticators, throttle, maxBodyBytes, clock, families, null);
    }

    /**
     * {@code clock} paces the log: a repeated failure is logged in full once, then summarised once a minute. With
     * {@code idempotency}, a POST with an {@code Idempotency-Key} header runs once per key (see {@link Idempotency}).
     *
     * @throws IllegalArgumentException if two routes (of any families) have one method and path shape
     */
    public Router(Map<AuthScheme, Authenticator> authenticators, AuthThrottle throttle, int maxBodyBytes,
            InstantSource clock, List<RouteFamily> families, @Nullable Idempotency idempotency) {
        this.errorLog = new LogLimiter(LOG_WINDOW, clock);
        this.idempotency = idempotency;
        for (RouteFamily f : families) {
            for (Route r : f.routes()) {
                add(r, f);
            }
            for (String p : f.prefixes()) {
                prefixes.add(new Prefix(Route.split(p), f));
            }
        }
        // longest prefix first; among equals, the first registered
        prefixes.sort((a, b) -> Integer.compare(b.segments().size(), a.segments().size()));
        this.authenticators = authenticators.isEmpty() ? Map.of() : new EnumMap<>(authenticators);
        this.throttle = throttle;
        this.maxBodyBytes = maxBodyBytes;
    }

    private void add(Route r, RouteFamily family) {
        List<String> segments = Route.split(r.template());
        String[] names = new String[segments.size()];
        Node n = root;
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            if (Route.isParam(s)) {
                names[i] = s.substring(1, s.length() - 1);
                if (n.param == null) {
                    n.param = new Node();
                }
                n = n.param;
            } else {
                n = n.literals.computeIfAbsent(s, k -> new Node());
            }
        }
        Entry existing = n.byMethod.get(r.method());
        if (existing != null) {
            throw new IllegalArgumentException("two routes for " + r.method() + " " + r.shape() + ": "
                    + existing.route().template() + " (family " + existing.family().name() + ") and "
                    + r.template() + " (family " + family.name() + ")");
        }
        n.byMethod.put(r.method(), new Entry(r, family, names));
    }

    /** The routes matching a path, without running anything. */
    public Match lookup(String path) {
        List<String> segments = Route.split(path);
        Match m = new Match(segments);
        collect(root, segments, 0, m);
        return m;
    }

    private static void collect(Node n, List<String> path, int i, Match m) {
        if (i == path.size()) {
            if (!n.byMethod.isEmpty()) {
                m.nodes.add(n);
            }
            return;
        }
        String s = path.get(i);
        Node lit = n.literals.isEmpty() ? null : n.literals.get(s);
        if (lit != null) {
            collect(lit, path, i + 1, m);
        }
        if (n.param != null && !s.isEmpty()) {
            collect(n.param, path, i + 1, m);
        }
    }

    public HttpResponse handle(HttpRequest request) {
        String method = request.method();
        if (method.equals("DEL")) {
            method = "DELETE"; // seed 004's curl examples use -X DEL
        }
        Match match = lookup(request.path());
        if (!match.found()) {
            return render(new HttpError(404, "Not found: no API route matches this path"), null,
                    prefixParams(request.path()), request, familyByPrefix(request.path()));
        }
        Entry chosen = match.entry(method);
        if (method.equals("OPTIONS") || chosen == null) {
            String allow = allowHeader(match);
            if (method.equals("OPTIONS")) {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Allow", allow);
                headers.put("Cache-Control", "no-store");
                return new HttpResponse(204, headers, new byte[0]);
            }
            Entry any = match.nodes.get(0).byMethod.values().iterator().next();
            return render(new HttpError(405, "Method " + Text.forLog(method.length() > 20 ? method.substring(0, 20)
                    : method) + " is not allowed here (allowed: " + allow + ")", Map.of("Allow", allow)), null,
                    match.params(any), request, any.family());
        }
        HttpResponse response = run(chosen, request, match.params(chosen));
        if (method.equals("HEAD")) {
            Map<String, String> headers = new LinkedHashMap<>(response.headers());
            headers.put("Content-Length", Integer.toString(response.body().length));
            return new HttpResponse(response.status(), headers, new byte[0]);
        }
        return response;
    }

    /**
     * An error for a request refused before {@link #handle} (by an adapter: a body that did not arrive in time, a
     * declared length over the limit), rendered by the family the path belongs to.
     */
    public HttpResponse reject(HttpRequest request, int status, String message) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Connection", "close");
        if (status == 503) {
            headers.put("Retry-After", STORE_RETRY_AFTER);
        }
        HttpError error = new HttpError(status, message, headers);
        Match match = lookup(request.path());
        String method = request.method().equals("DEL") ? "DELETE" : request.method();
        Entry e = match.found() ? match.entry(method) : null;
        if (e == null && match.found()) {
            e = match.nodes.get(0).byMethod.values().iterator().next();
            return render(error, null, match.params(e), request, e.family());
        }
        if (e != null) {
            return render(error, e.route(), match.params(e), request, e.family());
        }
        return render(error, null, prefixParams(request.path()), request, familyByPrefix(request.path()));
    }

    private RouteFamily familyByPrefix(String path) {
        Prefix p = prefix(Route.split(path));
        return p == null ? NO_FAMILY : p.family();
    }

    private Map<String, String> prefixParams(String path) {
        List<String> segments = Route.split(path);
        Prefix p = prefix(segments);
        if (p == null) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>(2);
        for (int i = 0; i < p.segments().size(); i++) {
            String t = p.segments().get(i);
            if (Route.isParam(t)) {
                out.put(t.substring(1, t.length() - 1), segments.get(i));
            }
        }
        return out;
    }

    private @Nullable Prefix prefix(List<String> path) {
        for (Prefix p : prefixes) {
            if (startsWith(path, p.segments())) {
                return p;
            }
        }
        return null;
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        if (prefix.size() > path.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            String t = prefix.get(i);
            String s = path.get(i);
            if (Route.isParam(t) ? s.isEmpty() : !t.equals(s)) {
                return false;
            }
        }
        return true;
    }

    private HttpResponse run(Entry entry, HttpRequest request, Map<String, String> params) {
        Route route = entry.route();
        return guarded(entry, request, params, () -> {
            AuthResult auth = null;
            if (route.auth() != null) {
                auth = authenticate(route, request);
            }
            Exchange exchange = new Exchange(request, params, maxBodyBytes, auth);
            Optional<String> key = idempotency == null || !route.method().equals("POST") ? Optional.empty()
                    : request.header(IDEMPOTENCY_KEY);
            if (key.isEmpty()) {
                return route.handler().handle(exchange);
            }
            return idempotently(entry, exchange, key.get());
        });
    }

    /**
     * A POST with an {@code Idempotency-Key}: scoped to the route and its caller (the credentials' principal, and the
     * path parameters, which name the monitor and carry a push secret); the request is its query and body.
     */
    private HttpResponse idempotently(Entry entry, Exchange exchange, String key) {
        if (!IdempotencyKeys.KEY_FORMAT.matcher(key).matches()) {
            throw new HttpError(400, IDEMPOTENCY_KEY + " must be 1 to 255 visible ASCII characters");
        }
        Route route = entry.route();
        HttpRequest request = exchange.request();
        AuthResult auth = exchange.auth();
        String caller = (auth == null || auth.principal() == null ? "" : auth.principal()) + "\n"
                + new TreeMap<>(exchange.params());
        String scope = route.method() + " " + route.template() + " " + Secrets.hash(caller);
        String requestHash = Secrets.hash(new TreeMap<>(request.queryParameters()) + "\n"
                + new String(exchange.body(), StandardCharsets.UTF_8));
        Idempotency.Outcome<HttpResponse> outcome = Objects.requireNonNull(idempotency).run(scope, key, requestHash,
                () -> guarded(entry, request, exchange.params(), () -> route.handler().handle(exchange)),
                r -> new Idempotency.Answer(r.status(), r.header("Content-Type").orElse(""), r.bodyText()));
        if (outcome instanceof Idempotency.Ran<HttpResponse> ran) {
            return ran.result();
        }
        if (outcome instanceof Idempotency.Replayed<HttpResponse> replayed) {
            Idempotency.Answer a = replayed.answer();
            Map<String, String> headers = new LinkedHashMap<>();
            if (!a.contentType().isEmpty()) {
                headers.put("Content-Type", a.contentType());
            }
            headers.put("Idempotent-Replayed", "true");
            headers.put("Cache-Control", "no-store");
            return new HttpResponse(a.status(), headers, a.body().getBytes(StandardCharsets.UTF_8));
        }
        if (outcome instanceof Idempotency.Mismatch) {
            throw new HttpError(422, "This " + IDEMPOTENCY_KEY + " was used with a different request; use a new key"
                    + " for a new request");
        }
        throw new HttpError(409, "A request with this " + IDEMPOTENCY_KEY + " changed something and has not answered"
                + " yet; retry later", Map.of("Retry-After", "1"));
    }

    /** Runs {@code work}, turning every exception into the family's error response. */
    private HttpResponse guarded(Entry entry, HttpRequest request, Map<String, String> params,
            Supplier<HttpResponse> work) {
        Route route = entry.route();
        try {
            return work.get();
        } catch (HttpError e) {
            return render(e, route, params, request, entry.family());
        } catch (BodyTooLargeException e) {
            return render(new HttpError(413, "Request body is too large (limit " + e.limit() + " bytes)",
                    Map.of("Connection", "close")), route, params, request, entry.family());
        } catch (MonitorNotFoundException e) {
            return render(HttpError.notFound("Push monitor not found"), route, params, request, entry.family());
        } catch (DuplicateMonitorNameException e) {
            return render(new HttpError(409, e.getMessage()), route, params, request, entry.family());
        } catch (StoreUnavailableException e) {
            LogLimiter.Decision d = errorLog.check(route.method() + " " + route.template() + " store");
            if (d.verdict() != LogLimiter.Verdict.SUPPRESS) {
                LOG.warn("{} {}: store unavailable: {}{}", route.method(), route.template(),
                        Text.forLog(String.valueOf(e.getMessage())), notLogged(d));
            }
            return render(new HttpError(503, "Storage is unavailable; try again later",
                    Map.of("Retry-After", STORE_RETRY_AFTER)), route, params, request, entry.family());
        } catch (IdempotencyKeys.KeyTaken e) {
            throw e; // a racing request has the key: the idempotent run answers
        } catch (RuntimeException | StackOverflowError e) {
            logInternalError(route, e);
            return render(new HttpError(500, "Internal server error"), route, params, request, entry.family());
        }
    }

    /** The family's answer to an error; Vigil's own when the family's renderer fails. */
    private HttpResponse render(HttpError e, @Nullable Route route, Map<String, String> params, HttpRequest request,
            RouteFamily family) {
        ApiError error = new ApiError(e.cause(), e.status(), String.valueOf(e.getMessage()), e.headers(), route,
                params, request);
        ErrorRenderer renderer = family.errors();
        if (renderer != ErrorRenderer.DEFAULT) {
            try {
                HttpResponse r = renderer.render(error);
                if (r != null) {
                    return r;
                }
                throw new IllegalStateException("the error renderer returned null");
            } catch (RuntimeException | StackOverflowError failure) {
                LogLimiter.Decision d = errorLog.check("renderer " + family.name() + " "
                        + failure.getClass().getName());
                if (d.verdict() == LogLimiter.Verdict.FULL) {
                    LOG.error("The error renderer of route family {} failed; sent Vigil's own error instead",
                            Text.forLog(family.name()), failure);
                }
            }
        }
        return ErrorRenderer.DEFAULT.render(error);
    }

    /**
     * A server-side failure: the first of its kind (route and exception class) with its stack trace, repeats at
     * most once a minute in one line that counts those left out. Client errors (4xx) never get here and are not
     * logged at all. The template, never the path: push paths carry secrets.
     */
    private void logInternalError(Route route, Throwable e) {
        LogLimiter.Decision d = errorLog.check(route.method() + " " + route.template() + " " + e.getClass().getName());
        switch (d.verdict()) {
            case FULL:
                LOG.error("Internal error handling {} {}", route.method(), route.template(), e);
                break;
            case SUMMARY:
                LOG.error("Internal error handling {} {} again: {}: {}{}", route.method(), route.template(),
                        e.getClass().getName(), Text.forLog(String.valueOf(e.getMessage())), notLogged(d));
                break;
            default:
                break;
        }
    }

    private static String notLogged(LogLimiter.Decision d) {
        return d.suppressed() == 0 ? "" : " (" + d.suppressed() + " more like it since the last report were not logged)";
    }

    private AuthResult authenticate(Route route, HttpRequest request) {
        AuthScheme scheme = route.auth();
        Authenticator authenticator = authenticators.get(scheme);
        if (authenticator == null) {
            throw new HttpError(401, scheme.description() + " authentication is not configured on this server");
        }
        String client = request.remoteAddress();
        long wait = throttle.retryAfterSeconds(client);
        if (wait > 0) {
            throw new HttpError(429, "Too many failed authentication attempts; try again in " + wait + " seconds",
                    Map.of("Retry-After", Long.toString(wait)));
        }
        AuthResult result = authenticator.authenticate(request);
        switch (result.kind()) {
            case NO_CREDENTIALS:
                throw new HttpError(401, missing(scheme), challenge(scheme));
            case INVALID:
                throttle.recordFailure(client);
                throw new HttpError(401, invalid(scheme), challenge(scheme));
            default:
                break;
        }
        throttle.recordSuccess(client);
        if (route.scope() != null && !result.hasScope(route.scope())) {
            throw new HttpError(403, "The credentials lack the required scope " + route.scope());
        }
        return result;
    }

    private static String missing(AuthScheme scheme) {
        switch (scheme) {
            case API_KEY:
                return "Missing X-API-Key header";
            case API_TOKEN:
                return "Missing Authorization: Api-Token header";
            default:
                return "Missing HTTP Basic credentials";
        }
    }

    private static String invalid(AuthScheme scheme) {
        switch (scheme) {
            case API_KEY:
                return "Invalid API key";
            case API_TOKEN:
                return "Invalid API token";
            default:
                return "Invalid user name or password";
        }
    }

    private static Map<String, String> challenge(AuthScheme scheme) {
        switch (scheme) {
            case BASIC:
                return Map.of("WWW-Authenticate", "Basic realm=\"Vigil\", charset=\"UTF-8\"");
            case API_TOKEN:
                return Map.of("WWW-Authenticate", "Api-Token realm=\"Vigil\"");
            default:
                return Map.of();
        }
    }

    private static String allowHeader(Match match) {
        Set<String> methods = new LinkedHashSet<>();
        for (Node n : match.nodes) {
            for (Entry e : n.byMethod.values()) {
                methods.add(e.route().method());
                if (e.route().allowHead()) {
                    methods.add("HEAD");
                }
            }
        }
        methods.add("OPTIONS");
        List<String> out = new ArrayList<>(methods.size());
        for (String m : METHOD_ORDER) {
            if (methods.contains(m)) {
                out.add(m);
            }
        }
        for (String m : methods) {
            if (!METHOD_ORDER.contains(m)) {
                out.add(m);
            }
        }
        return String.join(", ", out);
    }
}
