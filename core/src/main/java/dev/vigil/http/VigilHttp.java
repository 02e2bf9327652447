package dev.vigil.http;

import dev.vigil.Vigil;
import dev.vigil.http.internal.AuthThrottle;
import dev.vigil.http.internal.HealthRoutes;
import dev.vigil.http.internal.MonitorRoutes;
import dev.vigil.http.internal.NotificationRoutes;
import dev.vigil.http.internal.PushRoutes;
import dev.vigil.http.internal.Route;
import dev.vigil.http.internal.Router;
import dev.vigil.http.internal.SilenceRoutes;
import dev.vigil.model.Text;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Vigil's HTTP API, independent of any server. Build one per {@link Vigil}, hand it requests, send back the
 * responses; {@code VigilServlet} (module {@code vigil-http-servlet}) does exactly that.
 *
 * <pre>{@code
 * VigilHttp http = VigilHttp.builder(vigil)
 *         .apiKeys(System.getenv("VIGIL_API_KEY"))   // admin API: X-API-Key
 *         .build();
 * HttpResponse r = http.handle(request);
 * }</pre>
 *
 * <p>Routes (relative to the mount point): {@code GET|POST /api/push/{monitor_id}/{secret_key}} (seed 002),
 * the admin API under {@code /api/v1/monitors} and {@code /api/v1/notifications} ({@code X-API-Key}),
 * {@code GET /healthz} and {@code GET /readyz}. {@link #handle} never throws: bad input gets a 4xx with
 * {@code {"error": "..."}}, an internal failure a 500 {@code {"error":"Internal server error"}} (its cause is
 * logged once), an unavailable store a 503.
 */
public final class VigilHttp {
    /** Default request body limit: 64 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    private final Router router;
    private final int maxBodyBytes;

    private VigilHttp(Builder b) {
        this.maxBodyBytes = b.maxBodyBytes;
        Map<AuthScheme, Authenticator> auth = new EnumMap<>(AuthScheme.class);
        if (!b.apiKeyHashes.isEmpty()) {
            auth.put(AuthScheme.API_KEY, Authenticators.apiKeys(new ArrayList<>(b.apiKeyHashes)));
        }
        if (!b.apiTokens.isEmpty()) {
            auth.put(AuthScheme.API_TOKEN, Authenticators.apiTokens(b.apiTokens));
        }
        if (!b.basicUsers.isEmpty()) {
            auth.put(AuthScheme.BASIC, Authenticators.basic(b.basicUsers));
        }
        auth.putAll(b.custom);
        List<Route> routes = new ArrayList<>();
        routes.addAll(new PushRoutes(b.vigil.monitors()).routes()); // the hot path first
        routes.addAll(new HealthRoutes(b.vigil).routes());
        routes.addAll(new MonitorRoutes(b.vigil.monitors()).routes());
        routes.addAll(new NotificationRoutes(b.vigil).routes());
        routes.addAll(new SilenceRoutes(b.vigil).routes());
        AuthThrottle throttle = new AuthThrottle(b.maxAuthFailures, b.authFailureWindow, b.maxTrackedClients,
                b.vigil.clock());
        this.router = new Router(routes, auth, throttle, maxBodyBytes, b.vigil.clock());
    }

    public static Builder builder(Vigil vigil) {
        return new Builder(vigil);
    }

    /** Answers one request. Never throws. */
    public HttpResponse handle(HttpRequest request) {
        return router.handle(request);
    }

    /** The request body limit in bytes; adapters may use it to refuse early. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Settings of the HTTP API; {@link #build()} validates them. */
    public static final class Builder {
        private final Vigil vigil;
        private final Set<String> apiKeyHashes = new LinkedHashSet<>();
        private final Map<String, Set<String>> apiTokens = new LinkedHashMap<>();
        private final Map<String, String> basicUsers = new LinkedHashMap<>();
        private final Map<AuthScheme, Authenticator> custom = new EnumMap<>(AuthScheme.class);
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxAuthFailures = 10;
        private Duration authFailureWindow = Duration.ofMinutes(1);
        private int maxTrackedClients = 10_000;

        private Builder(Vigil vigil) {
            this.vigil = Objects.requireNonNull(vigil, "vigil");
        }

        /**
         * Admin API keys ({@code X-API-Key}), given in clear; only their hashes are kept. Use long random keys
         * (e.g. 32 random bytes, base64url): failed attempts are throttled, but a short key can still be guessed.
         */
        public Builder apiKeys(String... keys) {
            for (String k : keys) {
                apiKeyHashes.add(Authenticators.hash(checkSecret("API key", k)));
            }
            return this;
        }

        /** Admin API keys given as hashes ({@link Authenticators#hash}), so the clear keys need not be configured. */
        public Builder apiKeyHashes(String... hashes) {
            for (String h : hashes) {
                if (!h.startsWith("sha256:")) {
                    throw new IllegalArgumentException("API key hashes look like sha256:<base64url>");
                }
                apiKeyHashes.add(h);
            }
            return this;
        }

        /** An {@code Authorization: Api-Token} token and its scopes (e.g. {@code events.ingest}, {@code events.read}). */
        public Builder apiToken(String token, String... scopes) {
            apiTokens.put(Authenticators.hash(checkSecret("API token", token)), Set.of(scopes));
            return this;
        }

        /** An HTTP Basic user; only the password's hash is kept. */
        public Builder basicAuth(String user, String password) {
            if (user.isEmpty() || user.contains(":") || !Text.isPrintable(user)) {
                throw new IllegalArgumentException("Basic auth user names must be non-empty, printable and without ':'");
            }
            basicUsers.put(user, Authenticators.hash(checkSecret("password", password)));
            return this;
        }

        /** Replaces the built-in check of one scheme, e.g. to look credentials up elsewhere. */
        public Builder authenticator(AuthScheme scheme, Authenticator authenticator) {
            custom.put(scheme, Objects.requireNonNull(authenticator, "authenticator"));
            return this;
        }

        /** The request body limit (default 64 KiB); longer bodies get a 413 and are not read past the limit. */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1024 || bytes > 64 * 1024 * 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be between 1 KiB and 64 MiB, got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * After {@code maxFailures} failed authentications from one address within {@code window}, that address
         * gets 429 with {@code Retry-After} until the window ends (default 10 per minute).
         */
        public Builder authFailureLimit(int maxFailures, Duration window) {
            if (maxFailures < 1 || window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("authFailureLimit needs maxFailures >= 1 and 0 < window <= 1 day");
            }
            this.maxAuthFailures = maxFailures;
            this.authFailureWindow = window;
            return this;
        }

        /** How many client addresses the failure counter tracks at most (default 10,000). */
        public Builder maxTrackedClients(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxTrackedClients must be positive");
            }
            this.maxTrackedClients = n;
            return this;
        }

        public VigilHttp build() {
            return new VigilHttp(this);
        }

        private static String checkSecret(String what, String value) {
            if (value == null || value.isEmpty() || value.length() > 512 || !Text.isPrintable(value)
                    || value.strip().length() != value.length()) {
                throw new IllegalArgumentException(what + " must be 1 to 512 printable characters without "
                        + "surrounding spaces");
            }
            return value;
        }
    }
}
