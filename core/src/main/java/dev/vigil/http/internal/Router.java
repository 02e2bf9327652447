package dev.vigil.http.internal;

import dev.vigil.http.AuthResult;
import dev.vigil.http.AuthScheme;
import dev.vigil.http.Authenticator;
import dev.vigil.http.BodyTooLargeException;
import dev.vigil.http.HttpRequest;
import dev.vigil.http.HttpResponse;
import dev.vigil.internal.LogLimiter;
import dev.vigil.model.Text;
import dev.vigil.monitor.DuplicateMonitorNameException;
import dev.vigil.monitor.MonitorNotFoundException;
import dev.vigil.spi.StoreUnavailableException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches a request to a route and runs it: 404 for an unknown path, 405 (with {@code Allow}) for a known path and
 * a wrong method, {@code OPTIONS} answered from the routes, {@code HEAD} as {@code GET} without a body (except on
 * routes with side effects), authentication with throttling of repeated failures, and every exception turned into
 * a JSON error. Nothing a client sends can produce a stack trace in a response.
 */
public final class Router {
    private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.http");
    private static final List<String> METHOD_ORDER = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "OPTIONS");
    /** Seconds a client should wait when the store is unavailable. */
    static final String STORE_RETRY_AFTER = "5";
    /** A repeated server-side failure (same route, same exception class) is logged at most once per window. */
    static final Duration LOG_WINDOW = Duration.ofMinutes(1);

    private record Compiled(Route route, List<String> segments) {
    }

    private final List<Compiled> routes;
    private final Map<AuthScheme, Authenticator> authenticators;
    private final AuthThrottle throttle;
    private final int maxBodyBytes;
    private final LogLimiter errorLog;

    public Router(List<Route> routes, Map<AuthScheme, Authenticator> authenticators, AuthThrottle throttle,
            int maxBodyBytes) {
        this(routes, authenticators, throttle, maxBodyBytes, InstantSource.system());
    }

    /** {@code clock} paces the log: a repeated failure is logged in full once, then summarised once a minute. */
    public Router(List<Route> routes, Map<AuthScheme, Authenticator> authenticators, AuthThrottle throttle,
            int maxBodyBytes, InstantSource clock) {
        this.errorLog = new LogLimiter(LOG_WINDOW, clock);
        List<Compiled> compiled = new ArrayList<>(routes.size());
        for (Route r : routes) {
            compiled.add(new Compiled(r, Route.split(r.template())));
        }
        this.routes = List.copyOf(compiled);
        this.authenticators = authenticators.isEmpty() ? Map.of() : new EnumMap<>(authenticators);
        this.throttle = throttle;
        this.maxBodyBytes = maxBodyBytes;
    }

    public HttpResponse handle(HttpRequest request) {
        String method = request.method();
        if (method.equals("DEL")) {
            method = "DELETE"; // seed 004's curl examples use -X DEL
        }
        List<String> path = Route.split(request.path());
        Set<String> allowed = new LinkedHashSet<>();
        Route chosen = null;
        Map<String, String> params = null;
        for (Compiled c : routes) {
            Map<String, String> p = match(c.segments(), path);
            if (p == null) {
                continue;
            }
            Route r = c.route();
            allowed.add(r.method());
            if (r.allowHead()) {
                allowed.add("HEAD");
            }
            if (chosen == null && (r.method().equals(method) || (method.equals("HEAD") && r.allowHead()))) {
                chosen = r;
                params = p;
            }
        }
        if (allowed.isEmpty()) {
            return Exchange.error(404, "Not found: no API route matches this path", Map.of());
        }
        allowed.add("OPTIONS");
        String allow = allowHeader(allowed);
        if (method.equals("OPTIONS")) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Allow", allow);
            headers.put("Cache-Control", "no-store");
            return new HttpResponse(204, headers, new byte[0]);
        }
        if (chosen == null) {
            return Exchange.error(405, "Method " + Text.forLog(method.length() > 20 ? method.substring(0, 20) : method)
                    + " is not allowed here (allowed: " + allow + ")", Map.of("Allow", allow));
        }
        HttpResponse response = run(chosen, request, params);
        if (method.equals("HEAD")) {
            Map<String, String> headers = new LinkedHashMap<>(response.headers());
            headers.put("Content-Length", Integer.toString(response.body().length));
            return new HttpResponse(response.status(), headers, new byte[0]);
        }
        return response;
    }

    private HttpResponse run(Route route, HttpRequest request, Map<String, String> params) {
        try {
            AuthResult auth = null;
            if (route.auth() != null) {
                auth = authenticate(route, request);
            }
            return route.handler().handle(new Exchange(request, params, maxBodyBytes, auth));
        } catch (HttpError e) {
            return Exchange.error(e.status(), e.getMessage(), e.headers());
        } catch (BodyTooLargeException e) {
            return Exchange.error(413, "Request body is too large (limit " + e.limit() + " bytes)",
                    Map.of("Connection", "close"));
        } catch (MonitorNotFoundException e) {
            return Exchange.error(404, "Push monitor not found", Map.of());
        } catch (DuplicateMonitorNameException e) {
            return Exchange.error(409, e.getMessage(), Map.of());
        } catch (StoreUnavailableException e) {
            LogLimiter.Decision d = errorLog.check(route.method() + " " + route.template() + " store");
            if (d.verdict() != LogLimiter.Verdict.SUPPRESS) {
                LOG.warn("{} {}: store unavailable: {}{}", route.method(), route.template(),
                        Text.forLog(String.valueOf(e.getMessage())), notLogged(d));
            }
            return Exchange.error(503, "Storage is unavailable; try again later",
                    Map.of("Retry-After", STORE_RETRY_AFTER));
        } catch (RuntimeException | StackOverflowError e) {
            logInternalError(route, e);
            return Exchange.error(500, "Internal server error", Map.of());
        }
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
        if (route.scope() != null && !result.scopes().contains(route.scope())) {
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

    private static @Nullable Map<String, String> match(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            String p = path.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                if (p.isEmpty()) {
                    return null;
                }
                if (params == null) {
                    params = new HashMap<>(4);
                }
                params.put(t.substring(1, t.length() - 1), p);
            } else if (!t.equals(p)) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }

    private static String allowHeader(Set<String> methods) {
        List<String> out = new ArrayList<>(methods.size());
        for (String m : METHOD_ORDER) {
            if (methods.contains(m)) {
                out.add(m);
            }
        }
        return String.join(", ", out);
    }
}
