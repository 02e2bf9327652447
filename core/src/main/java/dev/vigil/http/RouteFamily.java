package dev.vigil.http;

import dev.vigil.model.Text;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A group of routes that speak one API and answer its errors in that API's shape: its {@link Route}s, its
 * {@link ErrorRenderer} (used for every error its routes produce, including authentication, throttling, body limit
 * and store failures), and path prefixes under which it also renders 404 and 405 (e.g. {@code /api/v2/heartbeat};
 * a prefix may hold parameters, {@code /e/{environment-id}/api/v2}, which the renderer gets). When several
 * families' prefixes match a path, the longest wins.
 *
 * <pre>{@code
 * RouteFamily canopsis = RouteFamily.builder("canopsis")
 *         .prefix("/api/v2/heartbeat")
 *         .route(Route.authenticated("GET", "/api/v2/heartbeat/{id}", AuthScheme.BASIC, null, this::get))
 *         .errors(e -> Exchange.json(e.status(), canopsisError(e), e.headers()))
 *         .build();
 * VigilHttp http = VigilHttp.builder(vigil).family(canopsis).build();
 * }</pre>
 */
public final class RouteFamily {
    /** Longest family name accepted. */
    public static final int MAX_NAME_LENGTH = 100;

    private final String name;
    private final List<Route> routes;
    private final ErrorRenderer errors;
    private final List<String> prefixes;

    private RouteFamily(Builder b) {
        this.name = b.name;
        this.routes = List.copyOf(b.routes);
        this.errors = b.errors;
        this.prefixes = List.copyOf(b.prefixes);
    }

    /** @param name a short name for messages and conflicts, e.g. {@code dynatrace-events} */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A family with Vigil's default error shape and no prefixes. */
    public static RouteFamily of(String name, Collection<Route> routes) {
        return builder(name).routes(routes).build();
    }

    public String name() {
        return name;
    }

    public List<Route> routes() {
        return routes;
    }

    public ErrorRenderer errors() {
        return errors;
    }

    /** Path templates under which this family renders 404 and 405. */
    public List<String> prefixes() {
        return prefixes;
    }

    @Override
    public String toString() {
        return "RouteFamily[" + name + ", " + routes.size() + " routes]";
    }

    /** Collects a family; {@link #build()} checks it. */
    public static final class Builder {
        private final String name;
        private final List<Route> routes = new ArrayList<>();
        private final List<String> prefixes = new ArrayList<>();
        private ErrorRenderer errors = ErrorRenderer.DEFAULT;

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.length() > MAX_NAME_LENGTH || !Text.isPrintable(name)) {
                throw new IllegalArgumentException("a route family name must be 1 to " + MAX_NAME_LENGTH
                        + " printable characters");
            }
            this.name = name;
        }

        public Builder route(Route route) {
            routes.add(Objects.requireNonNull(route, "route"));
            return this;
        }

        public Builder routes(Collection<Route> more) {
            Objects.requireNonNull(more, "routes").forEach(this::route);
            return this;
        }

        /** How this family answers errors (default: {@link ErrorRenderer#DEFAULT}). */
        public Builder errors(ErrorRenderer renderer) {
            this.errors = Objects.requireNonNull(renderer, "renderer");
            return this;
        }

        /** A path template under which this family also renders 404 and 405, e.g. {@code /api/v2/heartbeat}. */
        public Builder prefix(String template) {
            Objects.requireNonNull(template, "prefix");
            Route.checkTemplate(template, "prefix");
            prefixes.add(template);
            return this;
        }

        /** @throws IllegalArgumentException if the family has no route or two routes have one method and path */
        public RouteFamily build() {
            if (routes.isEmpty()) {
                throw new IllegalArgumentException("route family " + name + " has no routes");
            }
            List<String> seen = new ArrayList<>();
            for (Route r : routes) {
                String key = r.method() + " " + r.shape();
                if (seen.contains(key)) {
                    throw new IllegalArgumentException("route family " + name + " has two routes for " + r.method()
                            + " " + r.template());
                }
                seen.add(key);
            }
            return new RouteFamily(this);
        }
    }
}
