package dev.vigil.http.internal;

import dev.vigil.http.AuthScheme;
import dev.vigil.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One route: a method, a path template such as {@code /api/v1/monitors/{id}}, the authentication it needs, and its
 * handler.
 */
public record Route(String method, String template, @Nullable AuthScheme auth, @Nullable String scope,
        boolean allowHead, Handler handler) {

    /** Handles a matched request; may throw {@link HttpError}. */
    @FunctionalInterface
    public interface Handler {
        HttpResponse handle(Exchange exchange);
    }

    public static Route open(String method, String template, Handler handler) {
        return new Route(method, template, null, null, method.equals("GET"), handler);
    }

    public static Route authenticated(String method, String template, AuthScheme auth, @Nullable String scope,
            Handler handler) {
        return new Route(method, template, auth, scope, method.equals("GET"), handler);
    }

    /** A route with side effects on GET (a push): HEAD must not run it. */
    public Route withoutHead() {
        return new Route(method, template, auth, scope, false, handler);
    }

    /** Splits a path into segments, ignoring one trailing slash ({@code /a/b/} is {@code /a/b}). */
    static List<String> split(String path) {
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
