package dev.vigil.reliability;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.Vigil;
import dev.vigil.http.VigilHttp;
import dev.vigil.http.jetty.VigilJetty;
import dev.vigil.http.servlet.VigilServlet;
import dev.vigil.spi.VigilStore;
import dev.vigil.store.jdbc.JdbcStore;
import dev.vigil.store.memory.MemoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The child process of the scenarios that need Vigil's timing knobs: the example server's stack (embedded Jetty with
 * the hardened connector, the asynchronous {@link VigilServlet}, JSON errors, a Hikari pool) with short intervals,
 * leases and retry backoff, so that time-based scenarios take seconds. Scenarios that need no knob run the example
 * server itself ({@code dev.vigil.examples.ExampleServer}).
 *
 * <pre>
 * ReliabilityServer --db memory|jdbc:h2:file:...|jdbc:postgresql://... [--schema S] [--config FILE]
 *                   [--max-idle-ms 100] [--lease-ms 60000] [--retries 10:200:2000] [--batch 1000]
 * </pre>
 *
 * Credentials: {@code VIGIL_API_KEY} (full access), {@code VIGIL_API_TOKEN}, {@code VIGIL_BASIC_AUTH}.
 */
public final class ReliabilityServer {
    private ReliabilityServer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        String db = o.getOrDefault("--db", "memory");
        HikariDataSource pool = null;
        VigilStore store;
        if (db.equals("memory")) {
            store = new MemoryStore();
        } else {
            HikariConfig c = new HikariConfig();
            c.setJdbcUrl(db);
            c.setMaximumPoolSize(16);
            c.setInitializationFailTimeout(-1);
            c.setConnectionTimeout(Long.parseLong(o.getOrDefault("--connect-timeout-ms", "5000")));
            pool = new HikariDataSource(c);
            store = JdbcStore.builder(pool).schema(o.get("--schema")).build();
        }
        Vigil.Builder b = Vigil.builder().store(store)
                .maxIdle(Duration.ofMillis(Long.parseLong(o.getOrDefault("--max-idle-ms", "100"))))
                .claimLease(Duration.ofMillis(Long.parseLong(o.getOrDefault("--lease-ms", "60000"))))
                .batchSize(Integer.parseInt(o.getOrDefault("--batch", "1000")));
        String[] retries = o.getOrDefault("--retries", "10:200:2000").split(":");
        b.deliveryRetries(Integer.parseInt(retries[0]), Duration.ofMillis(Long.parseLong(retries[1])),
                Duration.ofMillis(Long.parseLong(retries[2])));
        if (o.containsKey("--config")) {
            b.config(Path.of(o.get("--config")));
        }
        Vigil vigil = b.build();
        String basic = System.getenv().getOrDefault("VIGIL_BASIC_AUTH", "vigil:basic-password-0123456789");
        int colon = basic.indexOf(':');
        VigilHttp http = VigilHttp.builder(vigil)
                .apiKeys(System.getenv().getOrDefault("VIGIL_API_KEY", "reliability-admin-key-0123456789"))
                .apiToken(System.getenv().getOrDefault("VIGIL_API_TOKEN", "reliability-token-0123456789"),
                        "events.ingest", "events.read", "entities.read", "entities.write", "problems.read")
                .basicAuth(basic.substring(0, colon), basic.substring(colon + 1))
                .build();
        Server jetty = new Server(VigilJetty.threadPool(64));
        ServerConnector connector = VigilJetty.hardenedConnector(jetty, "127.0.0.1",
                Integer.parseInt(o.getOrDefault("--port", "0")));
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder("vigil", new VigilServlet(http));
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        jetty.setHandler(context);
        VigilJetty.useJsonErrors(jetty);
        jetty.start();
        vigil.start();
        System.out.println("Vigil example server listening on http://127.0.0.1:" + connector.getLocalPort() + "/");
        System.out.flush();
        HikariDataSource closePool = pool;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                jetty.stop();
            } catch (Exception e) {
                System.err.println("error stopping Jetty: " + e);
            }
            vigil.close();
            if (closePool != null) {
                closePool.close();
            }
        }));
        jetty.join();
    }
}
