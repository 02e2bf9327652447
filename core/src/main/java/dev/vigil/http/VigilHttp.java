package dev.vigil.http;

import dev.vigil.Vigil;
import dev.vigil.http.internal.AppRoutes;
import dev.vigil.http.internal.AuthThrottle;
import dev.vigil.http.internal.EventRoutes;
import dev.vigil.http.internal.HealthRoutes;
import dev.vigil.http.internal.HeartbeatRoutes;
import dev.vigil.http.internal.MonitorRoutes;
import dev.vigil.http.internal.NotificationRoutes;
import dev.vigil.http.internal.OpenApiRoutes;
import dev.vigil.http.internal.PushRoutes;
import dev.vigil.http.internal.Router;
import dev.vigil.http.internal.ServiceRoutes;
import dev.vigil.http.internal.SilenceRoutes;
import dev.vigil.http.internal.TaskRoutes;
import dev.vigil.config.ApiKeyDefinition;
import dev.vigil.model.Text;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Vigil's HTTP API, independent of any server. Build one per {@link Vigil}, hand it requests, send back the
 * responses; {@code VigilServlet} (module {@code vigil-http-servlet}) does exactly that.
 *
 * <pre>{@code
 * VigilHttp http = VigilHttp.builder(vigil)
 *         .apiKeys(System.getenv("VIGIL_API_KEY"))                          // X-API-Key, full access
 *         .apiKey(System.getenv("VIGIL_REPORTS_KEY"), "reports.write")       // X-API-Key, one scope
 *         .family(myApiFamily)                                              // routes of another module
 *         .build();
 * HttpResponse r = http.handle(request);
 * }</pre>
 *
 * <p>Routes (relative to the mount point): {@code GET|POST /api/push/{monitor_id}/{secret_key}} (seed 002),
 * the admin API under {@code /api/v1/monitors} and {@code /api/v1/notifications} ({@code X-API-Key}),
 * {@code GET /healthz} and {@code GET /readyz}; seed 001 (events, entities, problems) under {@code /api/v2} and
 * {@code /e/{environment-id}/api/v2} with {@code Authorization: Api-Token}; the admin routes require scope {@code admin} (which a key configured
 * without scopes has). More {@link RouteFamily route families} come from {@link Builder#family} and from
 * {@link RouteFamilyProvider}s on the class path; each renders its own errors. {@link #handle} never throws: bad
 * input gets a 4xx (core's families answer {@code {"error": "..."}}), an internal failure a 500
 * {@code {"error":"Internal server error"}} (its cause is logged once), an unavailable store a 503. API keys of the
 * configuration's {@code http.api_keys} ({@link Vigil#apiKeys()}) are taken over by {@link #builder}.
 */
public final class VigilHttp {
    /** Default request body limit: 64 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    private final Router router;
    private final List<RouteFamily> families;
    private final int maxBodyBytes;

    private VigilHttp(Builder b) {
        this.maxBodyBytes = b.maxBodyBytes;
        Map<AuthScheme, Authenticator> auth = new EnumMap<>(AuthScheme.class);
        if (!b.apiKeys.isEmpty()) {
            auth.put(AuthScheme.API_KEY, Authenticators.scopedApiKeys(b.apiKeys));
        }
        if (!b.apiTokens.isEmpty()) {
            auth.put(AuthScheme.API_TOKEN, Authenticators.apiTokens(b.apiTokens));
        }
        if (!b.basicUsers.isEmpty()) {
            auth.put(AuthScheme.BASIC, Authenticators.basic(b.basicUsers, b.basicScopes));
        }
        auth.putAll(b.custom);
        List<RouteFamily> families = new ArrayList<>();
        families.add(new PushRoutes(b.vigil.monitors()).family());
        families.add(new HealthRoutes(b.vigil).family());
        families.add(new MonitorRoutes(b.vigil.monitors()).family());
        families.add(new NotificationRoutes(b.vigil).family());
        families.add(new SilenceRoutes(b.vigil).family());
        families.add(new ServiceRoutes(b.vigil.services()).family());
        families.add(new TaskRoutes(b.vigil.tasks(), b.openTaskRoutes).family());
        families.add(new AppRoutes(b.vigil.apps()).family());
        families.add(new HeartbeatRoutes(b.vigil.heartbeats()).family());
        EventRoutes events = new EventRoutes(b.vigil.entities(), b.vigil.events(), b.vigil.clock(), b.environmentId);
        families.add(events.family());
        families.add(events.adminFamily());
        OpenApiRoutes openApi = new OpenApiRoutes();
        families.add(openApi.family());
        families.addAll(b.families);
        if (b.discoverFamilies) {
            // a family the host configured itself wins over a discovered one of the same name
            Set<String> given = new HashSet<>();
            b.families.forEach(f -> given.add(f.name()));
            discover(b.vigil, b.classLoader).stream().filter(f -> !given.contains(f.name())).forEach(families::add);
        }
        Set<String> names = new HashSet<>();
        for (RouteFamily f : families) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("two route families are named " + f.name());
            }
        }
        this.families = List.copyOf(families);
        List<ClassLoader> loaders = new ArrayList<>();
        if (b.classLoader != null) {
            loaders.add(b.classLoader);
        }
        if (Thread.currentThread().getContextClassLoader() != null) {
            loaders.add(Thread.currentThread().getContextClassLoader());
        }
        openApi.document(this.families, loaders);
        AuthThrottle throttle = new AuthThrottle(b.maxAuthFailures, b.authFailureWindow, b.maxTrackedClients,
                b.vigil.clock());
        this.router = new Router(auth, throttle, maxBodyBytes, b.vigil.clock(), this.families, b.vigil.idempotency());
    }

    /** The families that {@link RouteFamilyProvider}s on the class path contribute. */
    private static List<RouteFamily> discover(Vigil vigil, @Nullable ClassLoader loader) {
        List<RouteFamily> out = new ArrayList<>();
        ServiceLoader<RouteFamilyProvider> providers = loader == null ? ServiceLoader.load(RouteFamilyProvider.class)
                : ServiceLoader.load(RouteFamilyProvider.class, loader);
        for (ServiceLoader.Provider<RouteFamilyProvider> p : providers.stream().toList()) {
            RouteFamily f;
            try {
                f = p.get().create(vigil);
            } catch (RuntimeException | ServiceConfigurationError e) {
                throw new IllegalStateException("route family provider " + p.type().getName() + " failed: " + e, e);
            }
            if (f == null) {
                throw new IllegalStateException("route family provider " + p.type().getName() + " returned null");
            }
            out.add(f);
        }
        return out;
    }

    public static Builder builder(Vigil vigil) {
        return new Builder(vigil);
    }

    /** Answers one request. Never throws. */
    public HttpResponse handle(HttpRequest request) {
        return router.handle(request);
    }

    /**
     * The answer to a request an adapter refuses before calling {@link #handle} (e.g. 408 when the body did not
     * arrive in time, 413 when the declared length is over {@link #maxBodyBytes()}), in the error shape of the
     * route family the path belongs to. Carries {@code Connection: close}. Never throws for a valid status.
     *
     * @param status 400 to 599
     * @throws IllegalArgumentException for another status
     */
    public HttpResponse reject(HttpRequest request, int status, String message) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(message, "message");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("reject needs an error status (400 to 599), got " + status);
        }
        return router.reject(request, status, message);
    }

    /**
     * The route families served, core's first, in the order their errors are looked up. Their routes are every route
     * registered (method and path template each), which is what {@code GET /openapi.yaml} documents.
     */
    public List<RouteFamily> families() {
        return families;
    }

    /** The request body limit in bytes; adapters may use it to refuse early. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Settings of the HTTP API; {@link #build()} validates them. */
    public static final class Builder {
        private final Vigil vigil;
        private final Map<String, Set<String>> apiKeys = new LinkedHashMap<>();
        private final List<RouteFamily> families = new ArrayList<>();
        private boolean discoverFamilies = true;
        private @Nullable ClassLoader classLoader;
        private final Map<String, Set<String>> apiTokens = new LinkedHashMap<>();
        private final Map<String, String> basicUsers = new LinkedHashMap<>();
        private final Map<String, Set<String>> basicScopes = new LinkedHashMap<>();
        private final Map<AuthScheme, Authenticator> custom = new EnumMap<>(AuthScheme.class);
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private boolean openTaskRoutes;
        private int maxAuthFailures = 10;
        private Duration authFailureWindow = Duration.ofMinutes(1);
        private int maxTrackedClients = 10_000;
        private @Nullable String environmentId;

        private Builder(Vigil vigil) {
            this.vigil = Objects.requireNonNull(vigil, "vigil");
            for (ApiKeyDefinition k : vigil.apiKeys()) {
                putKey(k.keyHash(), k.scopes(), k.origin());
            }
        }

        /**
         * API keys ({@code X-API-Key}) with full access, given in clear; only their hashes are kept. Use long random
         * keys (e.g. {@link Authenticators#generateSecret()}): failed attempts are throttled, but a short key can
         * still be guessed.
         */
        public Builder apiKeys(String... keys) {
            Objects.requireNonNull(keys, "keys");
            for (String k : keys) {
                putKey(Authenticators.hash(checkSecret("API key", k)), Set.of(), "apiKeys");
            }
            return this;
        }

        /**
         * An API key ({@code X-API-Key}) limited to the scopes, e.g. {@code reports.write}; a route requiring
         * another scope answers 403 naming it. No scopes, or {@code admin}, is full access (today's admin API
         * requires {@code admin}).
         */
        public Builder apiKey(String key, String... scopes) {
            Objects.requireNonNull(scopes, "scopes");
            putKey(Authenticators.hash(checkSecret("API key", key)), ApiKeyDefinition.checkScopes(Arrays.asList(scopes)),
                    "apiKey");
            return this;
        }

        /** Full-access API keys given as hashes ({@link Authenticators#hash}), so the clear keys need not be configured. */
        public Builder apiKeyHashes(String... hashes) {
            Objects.requireNonNull(hashes, "hashes");
            for (String h : hashes) {
                apiKeyHash(h);
            }
            return this;
        }

        /** An API key given as its hash, limited to the scopes (none: full access). */
        public Builder apiKeyHash(String hash, String... scopes) {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(scopes, "scopes");
            ApiKeyDefinition def = new ApiKeyDefinition(hash, ApiKeyDefinition.checkScopes(Arrays.asList(scopes)),
                    "apiKeyHash");
            putKey(def.keyHash(), def.scopes(), "apiKeyHash");
            return this;
        }

        private void putKey(String hash, Set<String> scopes, String where) {
            Set<String> before = apiKeys.putIfAbsent(hash, scopes);
            if (before != null && !before.equals(scopes)) {
                throw new IllegalArgumentException("the same API key is configured twice with different scopes ("
                        + (before.isEmpty() ? "full access" : String.join(",", before)) + " and "
                        + (scopes.isEmpty() ? "full access" : String.join(",", scopes)) + ", " + where + ")");
            }
        }

        /** An {@code Authorization: Api-Token} token and its scopes (e.g. {@code events.ingest}, {@code events.read}). */
        public Builder apiToken(String token, String... scopes) {
            Objects.requireNonNull(scopes, "scopes");
            apiTokens.put(Authenticators.hash(checkSecret("API token", token)),
                    ApiKeyDefinition.checkScopes(Arrays.asList(scopes)));
            return this;
        }

        /**
         * The environment id the seed 001 routes answer under {@code /e/{environment-id}/api/v2/...}; other ids get a
         * 404. Without one, any id is accepted.
         */
        public Builder environmentId(String id) {
            Objects.requireNonNull(id, "id");
            if (!id.matches("[A-Za-z0-9._-]{1,100}")) {
                throw new IllegalArgumentException("an environment id is 1 to 100 letters, digits, '.', '_' or '-'");
            }
            this.environmentId = id;
            return this;
        }

        /**
         * An HTTP Basic user with full access (the seed 004 routes, and routes requiring {@code admin} such as the
         * status page); only the password's hash is kept.
         */
        public Builder basicAuth(String user, String password) {
            return basicAuth(user, password, new String[0]);
        }

        /** An HTTP Basic user limited to the scopes (none, or {@code admin}: full access). */
        public Builder basicAuth(String user, String password, String... scopes) {
            Objects.requireNonNull(scopes, "scopes");
            if (user.isEmpty() || user.contains(":") || !Text.isPrintable(user)) {
                throw new IllegalArgumentException("Basic auth user names must be non-empty, printable and without ':'");
            }
            Set<String> checked = ApiKeyDefinition.checkScopes(Arrays.asList(scopes));
            basicUsers.put(user, Authenticators.hash(checkSecret("password", password)));
            basicScopes.put(user, checked);
            return this;
        }

        /** Replaces the built-in check of one scheme, e.g. to look credentials up elsewhere. */
        public Builder authenticator(AuthScheme scheme, Authenticator authenticator) {
            custom.put(scheme, Objects.requireNonNull(authenticator, "authenticator"));
            return this;
        }

        /**
         * Serves seed 003's tasks routes ({@code /tasks/...}, {@code /task/...}) without any key, as upstream
         * kapacitor-alerts-api does: for a drop-in replacement behind a trusted network only. Default: {@code false}
         * ({@code X-API-Key} with scope {@code tasks.write}). Data in ({@code /api/v1/apps/...}) keeps its key.
         */
        public Builder openTaskRoutes(boolean open) {
            this.openTaskRoutes = open;
            return this;
        }

        /**
         * Serves a route family of another module, e.g. an API's routes with its own error shape. It replaces a
         * family of the same name that a {@link RouteFamilyProvider} would contribute (a module's defaults, configured
         * here instead).
         */
        public Builder family(RouteFamily family) {
            families.add(Objects.requireNonNull(family, "family"));
            return this;
        }

        /**
         * Whether {@link #build()} adds the families of the {@link RouteFamilyProvider}s found by
         * {@link ServiceLoader} (default true).
         */
        public Builder discoverFamilies(boolean discover) {
            this.discoverFamilies = discover;
            return this;
        }

        /** The class loader providers are looked up in (default: the thread's context class loader). */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
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

        /**
         * @throws IllegalArgumentException if two families share a name or two routes a method and path
         * @throws IllegalStateException    if a discovered provider fails
         */
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
