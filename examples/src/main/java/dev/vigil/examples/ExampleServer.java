package dev.vigil.examples;

import dev.vigil.Vigil;
import dev.vigil.config.ConfigException;
import dev.vigil.config.ConfigResult;
import dev.vigil.http.AuthResult;
import dev.vigil.http.AuthScheme;
import dev.vigil.http.Authenticators;
import dev.vigil.http.HttpResponse;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import dev.vigil.http.VigilHttp;
import dev.vigil.http.jetty.VigilJetty;
import dev.vigil.http.servlet.VigilServlet;
import dev.vigil.micrometer.VigilMetrics;
import dev.vigil.micrometer.VigilOutboxMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import dev.vigil.spi.VigilStore;
import dev.vigil.status.StatusPage;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.store.jdbc.JdbcStore;
import dev.vigil.store.memory.MemoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

/**
 * Vigil as a small standalone server: embedded Jetty 12, {@link VigilServlet}, a store and a YAML config.
 *
 * <pre>
 * java -jar examples/target/vigil-examples.jar [--port 8080] [--host 127.0.0.1] [--prefix /monitoring]
 *                                              [--config FILE] [--db jdbc:h2:file:./data/vigil]
 * </pre>
 *
 * Without {@code --config} it uses the demo configuration packed into the jar (examples/vigil-demo.yaml), so the jar
 * runs from any directory.
 *
 * Credentials come from {@code VIGIL_API_KEY}, {@code VIGIL_API_TOKEN} and {@code VIGIL_BASIC_AUTH}
 * ({@code user:password}); any that is unset is generated and printed once. {@code VIGIL_SCOPED_API_KEYS} adds API
 * keys limited to scopes, space-separated {@code scopes:key} entries with comma-separated scopes, e.g.
 * {@code "reports.write:KEY1 tasks.write,reports.write:KEY2"} (never generated; {@code VIGIL_API_KEY} keeps full
 * access). The status page is at {@code /status} (HTTP Basic) and {@code /status/public} (the demo's group
 * {@code Demo} and services tagged {@code public}); {@code VIGIL_BADGE_SECRET} keeps badge URLs stable across restarts
 * (generated and printed when unset). Vigil's meters are at {@code GET /metrics} in Prometheus' text format, for the
 * admin key. Stops cleanly on SIGTERM or Ctrl+C.
 */
public final class ExampleServer implements AutoCloseable {
    static final String USAGE = String.join("\n",
            "usage: run-example.sh [options]   (or: java -jar examples/target/vigil-examples.jar [options])",
            "  --port N         port to listen on (default 8080; 0 picks a free one)",
            "  --host ADDRESS   address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)",
            "  --prefix PATH    mount the API under this path, e.g. /monitoring (default: at the root)",
            "  --config FILE    monitors and channels as YAML (default: examples/vigil-demo.yaml, packed in the jar)",
            "  --db URL         where state lives: a JDBC URL (H2 or PostgreSQL) or 'memory'",
            "                   (default " + "jdbc:h2:file:./data/vigil" + ": an H2 file under ./data/)",
            "environment: VIGIL_API_KEY, VIGIL_API_TOKEN, VIGIL_BASIC_AUTH=user:password (generated when unset),",
            "             VIGIL_SCOPED_API_KEYS=\"reports.write:KEY1 tasks.write,reports.write:KEY2\" (keys limited"
                    + " to scopes)");
    static final String DEFAULT_DB = "jdbc:h2:file:./data/vigil";
    static final List<String> TOKEN_SCOPES = List.of("events.ingest", "events.read", "entities.read", "entities.write",
            "problems.read");
    /** The demo configuration (examples/vigil-demo.yaml), packed into the jar: used when no --config is given. */
    static final String BUNDLED_CONFIG = "dev/vigil/examples/vigil-demo.yaml";

    /** Prometheus' text exposition format, version 0.0.4. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Server jetty;
    private final Vigil vigil;
    private final VigilHttp http;
    private final PrometheusMeterRegistry registry;
    private final Opened store;
    private final String url;
    private boolean closed;

    private ExampleServer(Server jetty, Vigil vigil, VigilHttp http, PrometheusMeterRegistry registry, Opened store,
            String url) {
        this.jetty = jetty;
        this.http = http;
        this.registry = registry;
        this.vigil = vigil;
        this.store = store;
        this.url = url;
    }

    /** Bad command line or environment; the message says what to change. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The parsed command line. */
    record Options(int port, String host, String prefix, @Nullable Path config, String db) {
        static Options parse(String[] args) {
            int port = 8080;
            String host = "127.0.0.1";
            String prefix = "";
            Path config = null;
            String db = DEFAULT_DB;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                if (arg.equals("--help") || arg.equals("-h")) {
                    throw new UsageException("");
                }
                if (!List.of("--port", "--host", "--prefix", "--config", "--db").contains(arg)) {
                    throw new UsageException("unknown option '" + arg + "'");
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException(arg + " needs a value");
                    }
                    value = args[++i];
                }
                switch (arg) {
                    case "--port":
                        try {
                            port = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            port = -1;
                        }
                        if (port < 0 || port > 65535) {
                            throw new UsageException("--port must be a number from 0 to 65535, got '" + value + "'");
                        }
                        break;
                    case "--host":
                        host = value;
                        break;
                    case "--prefix":
                        prefix = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
                        if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.contains("*"))) {
                            throw new UsageException("--prefix must be a path such as /monitoring, got '" + value + "'");
                        }
                        break;
                    case "--config":
                        config = Path.of(value);
                        if (!Files.isRegularFile(config)) {
                            throw new UsageException("--config: no such file: " + value);
                        }
                        break;
                    default:
                        db = value;
                        break;
                }
            }
            return new Options(port, host, prefix, config, db);
        }
    }

    /**
     * The store for {@code --db}: {@code memory}, or a JDBC URL (H2 or PostgreSQL; credentials as URL parameters, e.g.
     * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}). The pool, if any, is closed with the server.
     */
    static Opened openStore(String db) {
        if (db.equalsIgnoreCase("memory")) {
            return new Opened(new MemoryStore(), null);
        }
        if (!db.startsWith("jdbc:h2:") && !db.startsWith("jdbc:postgresql:")) {
            throw new UsageException("--db must be 'memory' or a JDBC URL starting with jdbc:h2: or jdbc:postgresql:,"
                    + " got '" + db + "'");
        }
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(db);
        c.setMaximumPoolSize(16);
        c.setPoolName("vigil");
        c.setInitializationFailTimeout(-1); // the store reports an unreachable database itself, clearly
        c.setConnectionTimeout(5000); // a push waits at most this long for the database before its 503
        HikariDataSource pool = new HikariDataSource(c);
        try {
            return new Opened(JdbcStore.builder(pool).build(), pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** A store and the connection pool behind it (null for memory). */
    record Opened(VigilStore store, @Nullable HikariDataSource pool) {
        void closePool() {
            if (pool != null) {
                pool.close();
            }
        }
    }

    /** One credential: from the environment, or generated now (and then shown once). */
    /** A key limited to scopes, from {@code VIGIL_SCOPED_API_KEYS}. */
    record ScopedKey(List<String> scopes, String key) {
    }

    /**
     * Parses {@code VIGIL_SCOPED_API_KEYS}: whitespace-separated {@code scope[,scope...]:key} entries. Errors never
     * show a key.
     */
    static List<ScopedKey> scopedKeys(Map<String, String> env) {
        String v = env.get("VIGIL_SCOPED_API_KEYS");
        List<ScopedKey> out = new ArrayList<>();
        if (v == null || v.isBlank()) {
            return out;
        }
        String[] entries = v.strip().split("\\s+");
        for (int i = 0; i < entries.length; i++) {
            String e = entries[i];
            int colon = e.indexOf(':');
            if (colon < 1 || colon == e.length() - 1) {
                throw new UsageException("VIGIL_SCOPED_API_KEYS entry " + (i + 1) + " must look like "
                        + "scope[,scope...]:key, e.g. reports.write:KEY1");
            }
            List<String> scopes = List.of(e.substring(0, colon).split(",", -1));
            if (scopes.stream().anyMatch(String::isEmpty)) {
                throw new UsageException("VIGIL_SCOPED_API_KEYS entry " + (i + 1) + " has an empty scope");
            }
            out.add(new ScopedKey(scopes, e.substring(colon + 1)));
        }
        return out;
    }

    record Credential(String value, boolean generated) {
        static Credential of(Map<String, String> env, String name, String generated) {
            String v = env.get(name);
            return v == null || v.isBlank() ? new Credential(generated, true) : new Credential(v.strip(), false);
        }
    }

    /**
     * Starts the server and prints where it listens, the generated credentials and push URLs to {@code out}. The
     * caller closes it.
     *
     * @throws UsageException  for a bad command line or environment
     * @throws ConfigException for a bad configuration file
     */
    public static ExampleServer start(String[] args, Map<String, String> env, PrintStream out) throws Exception {
        Options o = Options.parse(args);
        Credential apiKey = Credential.of(env, "VIGIL_API_KEY", Authenticators.generateSecret());
        Credential apiToken = Credential.of(env, "VIGIL_API_TOKEN", Authenticators.generateSecret());
        Credential basic = Credential.of(env, "VIGIL_BASIC_AUTH", "vigil:" + Authenticators.generateSecret());
        Credential badgeSecret = Credential.of(env, "VIGIL_BADGE_SECRET", Authenticators.generateSecret());
        int colon = basic.value().indexOf(':');
        if (colon < 1 || colon == basic.value().length() - 1) {
            throw new UsageException("VIGIL_BASIC_AUTH must look like user:password");
        }
        List<ScopedKey> scoped = scopedKeys(env);
        Opened opened = openStore(o.db());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vigil vigil;
        try {
            VigilMetrics meters = new VigilMetrics(registry);
            vigil = o.config() != null
                    ? Vigil.builder().store(opened.store()).config(o.config()).environment(env).listener(meters).build()
                    : withBundledConfig(path -> Vigil.builder().store(opened.store()).config(path).environment(env)
                            .listener(meters).build());
            new VigilOutboxMetrics(vigil).bindTo(registry);
        } catch (RuntimeException e) {
            registry.close();
            opened.store().close();
            opened.closePool();
            throw e;
        }
        Server jetty = null;
        try {
            VigilHttp http;
            try {
                VigilHttp.Builder b = VigilHttp.builder(vigil);
                for (int i = 0; i < scoped.size(); i++) {
                    try {
                        b.apiKey(scoped.get(i).key(), scoped.get(i).scopes().toArray(String[]::new));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("VIGIL_SCOPED_API_KEYS entry " + (i + 1) + ": " + e.getMessage());
                    }
                }
                // the status page, configured here (it would otherwise be served with defaults: see README)
                StatusPage page = StatusPage.builder(vigil).badgeSecret(badgeSecret.value())
                        .publicSubjects("group=Demo").publicSubjects("tag.public=true").build();
                http = b
                        .family(page.family())
                        .family(metricsRoute(registry))
                        .apiKeys(apiKey.value())
                        .apiToken(apiToken.value(), TOKEN_SCOPES.toArray(String[]::new))
                        .basicAuth(basic.value().substring(0, colon), basic.value().substring(colon + 1))
                        .build();
            } catch (IllegalArgumentException e) {
                throw new UsageException("credentials from the environment: " + e.getMessage());
            }
            // a thread budget, a connector slow clients cannot stall, bodies read without holding a thread,
            // and JSON for every error Jetty produces itself (see vigil-http-jetty)
            jetty = new Server(VigilJetty.threadPool(64));
            ServerConnector connector = VigilJetty.hardenedConnector(jetty, o.host(), o.port());
            jetty.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            ServletHolder holder = new ServletHolder("vigil", new VigilServlet(http));
            holder.setAsyncSupported(true);
            context.addServlet(holder, o.prefix() + "/*");
            jetty.setHandler(context);
            VigilJetty.useJsonErrors(jetty);
            jetty.setStopAtShutdown(false); // our own hook stops Jetty, then Vigil
            jetty.setStopTimeout(5000);
            jetty.start();
            vigil.start();
            String shownHost = o.host().equals("0.0.0.0") || o.host().equals("::") ? "127.0.0.1"
                    : o.host().contains(":") ? "[" + o.host() + "]" : o.host();
            String url = "http://" + shownHost + ":" + connector.getLocalPort() + o.prefix();
            printBanner(out, o, url, vigil, apiKey, apiToken, basic, badgeSecret);
            return new ExampleServer(jetty, vigil, http, registry, opened, url);
        } catch (Exception | Error e) {
            if (jetty != null) {
                try {
                    jetty.stop();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            vigil.close();
            registry.close();
            opened.closePool();
            throw e;
        }
    }

    /** {@code GET /metrics}: every meter in Prometheus' text format, for a key with the admin scope. */
    static RouteFamily metricsRoute(PrometheusMeterRegistry registry) {
        return RouteFamily.of("prometheus", java.util.List.of(Route.authenticated("GET", "/metrics", AuthScheme.API_KEY,
                AuthResult.ADMIN_SCOPE, exchange -> new HttpResponse(200, Map.of("Content-Type", PROMETHEUS_TEXT),
                        registry.scrape().getBytes(StandardCharsets.UTF_8)))));
    }

    private static void printBanner(PrintStream out, Options o, String url, Vigil vigil, Credential apiKey,
            Credential apiToken, Credential basic, Credential badgeSecret) {
        List<ConfigResult.Applied> monitors = vigil.configResult().map(ConfigResult::monitors).orElse(List.of());
        out.println("Vigil example server listening on " + url + "/");
        out.println("  store:  " + (o.db().equalsIgnoreCase("memory") ? "memory (state is lost on exit)"
                : o.db().replaceAll("(?i)(password=)[^&;]*", "$1***")));
        out.println("  config: " + (o.config() != null ? o.config() : "the demo configuration in the jar ("
                + "examples/vigil-demo.yaml)") + " (" + monitors.size() + " monitor" + (monitors.size() == 1 ? "" : "s")
                + ")");
        out.println("  status: " + url + "/status (HTTP Basic) and " + url + "/status/public (anyone)");
        out.println();
        List<String> generated = new ArrayList<>();
        if (apiKey.generated()) {
            generated.add("  X-API-Key: " + apiKey.value());
        }
        if (apiToken.generated()) {
            generated.add("  Authorization: Api-Token " + apiToken.value() + "   (scopes "
                    + String.join(", ", TOKEN_SCOPES) + ")");
        }
        if (basic.generated()) {
            generated.add("  HTTP Basic: " + basic.value());
        }
        if (badgeSecret.generated()) {
            generated.add("  badge secret: " + badgeSecret.value() + "   (VIGIL_BADGE_SECRET: badge URLs stay the same)");
        }
        if (!generated.isEmpty()) {
            out.println("Credentials generated for this run (set VIGIL_API_KEY, VIGIL_API_TOKEN, VIGIL_BASIC_AUTH, "
                    + "VIGIL_BADGE_SECRET to choose your own):");
            generated.forEach(out::println);
            out.println();
        }
        List<ConfigResult.Applied> pushUrls = vigil.configResult().map(ConfigResult::generatedSecrets)
                .orElse(List.of());
        if (!pushUrls.isEmpty()) {
            out.println("Push URLs (shown once; Vigil keeps only hashes of the secrets):");
            for (ConfigResult.Applied a : pushUrls) {
                out.println("  " + a.name() + ": " + url + a.pushPath());
            }
            out.println();
            ConfigResult.Applied first = pushUrls.get(0);
            out.println("Try:");
            out.println("  curl -X POST '" + url + first.pushPath() + "' -H 'Content-Type: application/json' -d '"
                    + "{\"status\": \"success\", \"message\": \"Backup completed\"}'");
            out.println("  curl -H \"X-API-Key: " + (apiKey.generated() ? apiKey.value() : "$VIGIL_API_KEY") + "\" "
                    + url + "/api/v1/monitors/" + first.id());
        }
        out.println("Stop with Ctrl+C.");
        out.flush();
    }

    /** The URL of the mount point, e.g. {@code http://127.0.0.1:8080} or {@code http://127.0.0.1:8080/monitoring}. */
    public String url() {
        return url;
    }

    public Vigil vigil() {
        return vigil;
    }

    /** The API the servlet serves: its families are every route, which {@code /openapi.yaml} documents. */
    VigilHttp http() {
        return http;
    }

    /** Waits until the server stops. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /** Stops Jetty (letting requests in flight finish), then Vigil. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            jetty.stop();
        } catch (Exception e) {
            System.err.println("error stopping Jetty: " + e);
        } finally {
            vigil.close();
            registry.close();
            store.closePool();
        }
    }

    /**
     * Builds with the demo configuration packed into the jar, so the jar runs from any directory: Vigil reads its
     * configuration from a file, so the resource is copied to a temporary one for {@code build()}, then deleted.
     */
    static Vigil withBundledConfig(java.util.function.Function<Path, Vigil> build) throws IOException {
        Path copy = Files.createTempFile("vigil-demo", ".yaml");
        try {
            try (InputStream in = ExampleServer.class.getClassLoader().getResourceAsStream(BUNDLED_CONFIG)) {
                if (in == null) {
                    throw new IllegalStateException("the demo configuration " + BUNDLED_CONFIG + " is missing from the"
                            + " class path; pass --config FILE");
                }
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return build.apply(copy);
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    public static void main(String[] args) {
        ExampleServer server;
        try {
            server = start(args, System.getenv(), System.out);
        } catch (UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.println(USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        } catch (Exception e) {
            System.err.println("error: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping...");
            server.close();
            System.out.println("Stopped.");
        }, "vigil-shutdown"));
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ExampleServer[" + url + "]" + (closed ? " (closed)" : "");
    }
}
