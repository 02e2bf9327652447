package dev.vigil.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One route: a method, a path template such as {@code /api/v1/monitors/{id}} (relative to the mount point;
 * {@code {name}} segments are parameters, literal segments win over parameters when both match), the
 * authentication it needs (null: none) with the scope the credentials must carry (null: any authenticated caller),
 * and its handler. Routes are grouped in a {@link RouteFamily}.
 *
 * @param allowHead whether {@code HEAD} runs the {@code GET} handler (without sending the body); false for a GET
 *                  with side effects
 */
public record Route(String method, String template, @Nullable AuthScheme auth, @Nullable String scope,
        boolean allowHead, Handler handler) {
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,20}");
    private static final Pattern PARAM = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_.-]{0,63}}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@%-]{1,200}");
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    /** Handles a matched request; may throw {@link HttpError}. */
    @FunctionalInterface
    public interface Handler {
        HttpResponse handle(Exchange exchange);
    }

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(handler, "handler");
        if (!METHOD.matcher(method).matches() || method.equals("OPTIONS") || method.equals("HEAD")
                || method.equals("DEL")) {
            throw new IllegalArgumentException("a route's method is an upper-case token other than HEAD, OPTIONS "
                    + "and DEL (answered by the router), got '" + method + "'");
        }
        checkTemplate(template, "route template");
        if (scope != null && !SCOPE.matcher(scope).matches()) {
            throw new IllegalArgumentException("a scope is 1 to 100 letters, digits, '.', '_', ':' or '-', got '"
                    + scope + "'");
        }
        if (scope != null && auth == null) {
            throw new IllegalArgumentException("a route with a scope needs an authentication scheme");
        }
        if (allowHead && !method.equals("GET")) {
            throw new IllegalArgumentException("only a GET route can answer HEAD");
        }
    }

    public static Route open(String method, String template, Handler handler) {
        return new Route(method, template, null, null, method.equals("GET"), handler);
    }

    public static Route authenticated(String method, String template, AuthScheme auth, @Nullable String scope,
            Handler handler) {
        return new Route(method, template, Objects.requireNonNull(auth, "auth"), scope, method.equals("GET"),
                handler);
    }

    /** A route with side effects on GET (a push): HEAD must not run it. */
    public Route withoutHead() {
        return new Route(method, template, auth, scope, false, handler);
    }

    /** The same route requiring {@code scope}. */
    public Route withScope(String scope) {
        return new Route(method, template, auth, scope, allowHead, handler);
    }

    /** The template with parameter names erased ({@code /a/{}/b}): two routes of one method and shape conflict. */
    public String shape() {
        StringBuilder b = new StringBuilder();
        for (String s : split(template)) {
            b.append('/').append(isParam(s) ? "{}" : s);
        }
        return b.length() == 0 ? "/" : b.toString();
    }

    /** Whether a template segment is a parameter ({@code {name}}). */
    public static boolean isParam(String segment) {
        return segment.length() > 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}';
    }

    /** Checks a path template: starts with '/', literal or {@code {name}} segments, names unique. */
    static void checkTemplate(String template, String what) {
        if (!template.startsWith("/") || template.length() > 2000 || template.contains("//")) {
            throw new IllegalArgumentException("a " + what + " starts with '/' and has no empty segments, got '"
                    + template + "'");
        }
        Set<String> names = new HashSet<>();
        for (String s : split(template)) {
            if (s.startsWith("{") || s.endsWith("}")) {
                if (!PARAM.matcher(s).matches()) {
                    throw new IllegalArgumentException("a " + what + " parameter looks like {name} (a letter or '_' "
                            + "first, then letters, digits, '_', '.', '-'), got '" + s + "' in '" + template + "'");
                }
                if (!names.add(s)) {
                    throw new IllegalArgumentException("a " + what + " names parameter " + s + " twice: '"
                            + template + "'");
                }
            } else if (!LITERAL.matcher(s).matches()) {
                throw new IllegalArgumentException("a " + what + " segment may not contain '" + s
                        + "' characters such as spaces, '?', '#', '{' or '}': '" + template + "'");
            }
        }
    }

    /** Splits a path into segments, ignoring one trailing slash ({@code /a/b/} is {@code /a/b}). */
    public static List<String> split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        List<String> out = new ArrayList<>(8);
        if (p.isEmpty()) {
            return out;
        }
        int start = 0;
        for (int i = 0; i <= p.length(); i++) {
            if (i == p.length() || p.charAt(i) == '/') {
                out.add(p.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }
}
