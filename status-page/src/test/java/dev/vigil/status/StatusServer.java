package dev.vigil.status;

import dev.vigil.Vigil;
import dev.vigil.event.EventIngest;
import dev.vigil.event.EventType;
import dev.vigil.heartbeat.HeartbeatSpec;
import dev.vigil.http.VigilHttp;
import dev.vigil.http.servlet.VigilServlet;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.service.HealthReport;
import dev.vigil.service.StorageReport;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.task.TaskSpec;
import dev.vigil.task.Tolerance;
import dev.vigil.testkit.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A real Jetty 12 on 127.0.0.1 with {@link VigilServlet} mounted under {@code /monitoring/*}, over a Vigil (memory
 * store, manual clock) holding one subject or more of every kind, some with names meant to break HTML and SVG.
 */
final class StatusServer implements AutoCloseable {
    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "admin-password-0123456789";
    static final String LIMITED_USER = "zabbix";
    static final String LIMITED_PASSWORD = "zabbix-password-0123456789";
    static final String API_KEY = "status-test-api-key-0123456789";
    static final String BADGE_SECRET = "badge-secret-for-tests-0123456789";
    static final String XSS_NAME = "<img src=x onerror=alert(1)>";
    static final String XSS_GROUP = "\"><script>alert(2)</script>";
    static final String XSS_HEARTBEAT_VALUE = "<i onmouseover='alert(3)'>x</i>";
    static final String XSS_PROBLEM = "\"'><svg onload=alert(4)>";
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    final ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
    final Vigil vigil;
    final Server jetty;
    final String base;
    final Map<String, Long> monitors = new LinkedHashMap<>();
    final StatusPage page;

    /**
     * @param page how the test configures its status page; null serves the one {@link StatusPageProvider}
     *             contributes (default settings)
     */
    StatusServer(UnaryOperator<StatusPage.Builder> page) throws Exception {
        vigil = Vigil.builder().store(new MemoryStore()).clock(clock).build();
        populate();
        VigilHttp.Builder http = VigilHttp.builder(vigil).apiKeys(API_KEY).basicAuth(ADMIN_USER, ADMIN_PASSWORD)
                .basicAuth(LIMITED_USER, LIMITED_PASSWORD, "heartbeats");
        if (page != null) {
            this.page = page.apply(StatusPage.builder(vigil).badgeSecret(BADGE_SECRET).cacheFor(Duration.ZERO))
                    .build();
            http.family(this.page.family()); // replaces the discovered default
        } else {
            this.page = null;
        }
        VigilServlet servlet = new VigilServlet(http.build());
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("jetty-status-test");
        jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(servlet), "/monitoring/*");
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/monitoring";
    }

    /** One subject or more of every kind, in every colour. */
    private void populate() {
        CreatedMonitor backup = vigil.monitors().create(PushMonitorSpec.named("Daily Backup Job").group("Public")
                .expectedInterval(Duration.ofDays(1)).gracePeriod(Duration.ofHours(1)));
        vigil.monitors().push(backup.id(), backup.secret(), Payload.status("success", "Backup completed"));
        CreatedMonitor export = vigil.monitors().create(PushMonitorSpec.named("Nightly export")
                .group("Maintenance").expectedInterval(Duration.ofMinutes(10)));
        vigil.monitors().push(export.id(), export.secret(), Payload.status("failed", "disk full"));
        CreatedMonitor xss = vigil.monitors().create(PushMonitorSpec.named(XSS_NAME).group(XSS_GROUP)
                .expectedInterval(Duration.ofHours(1)));
        CreatedMonitor paused = vigil.monitors().create(PushMonitorSpec.named("Legacy sync")
                .expectedInterval(Duration.ofHours(1)));
        vigil.monitors().pause(paused.id());
        monitors.put("backup", backup.id());
        monitors.put("export", export.id());
        monitors.put("xss", xss.id());
        monitors.put("paused", paused.id());

        clock.advance(Duration.ofMinutes(20)); // the export has been down for a while; the rest is fresh
        vigil.tick();
        vigil.services().report(new HealthReport("myorg/infra/prod/baremetal/galera-node1", "OPERATIONAL",
                "wsrep_cluster_size=3", "critical", "database-cluster", "database", List.of("database", "public"),
                null));
        vigil.services().report(new HealthReport("myorg/infra/prod/baremetal/galera-node2", "DEGRADED",
                "wsrep_cluster_size=2", "critical", "database-cluster", "database", List.of("database"), null));
        vigil.services().report(HealthReport.of("myorg/apps/prod/k8s/<b onclick=alert(5)>checkout", "DOWN")
                .withMessage("HTTP 503 from <upstream>"));
        vigil.services().report(StorageReport.of("myorg/platform/prod/cluster1/postgresql", 100L << 30, 95L << 30));
        vigil.services().report(StorageReport.of("myorg/platform/prod/cluster1/minio", 400L << 30, 100L << 30));
        vigil.services().report(HealthReport.of("lonely-service", "OPERATIONAL")); // padded into unknown/...
        vigil.services().report(HealthReport.of("", "OPERATIONAL"));

        vigil.heartbeats().create(HeartbeatSpec.of(Map.of("connector", "c1", "connector_name",
                XSS_HEARTBEAT_VALUE), "10s"));
        vigil.tasks().create(TaskSpec.fiveXx("billing-prod", Tolerance.MEDIUM).slack("#ops").build());
        vigil.events().ingest(EventIngest.of(EventType.AVAILABILITY_EVENT, XSS_PROBLEM));
        clock.advance(Duration.ofSeconds(5));
        vigil.tick();
    }

    long monitor(String name) {
        return monitors.get(name);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = request(path).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b);
    }

    HttpResponse<String> admin(String path) {
        return get(path, "Authorization", basic(ADMIN_USER, ADMIN_PASSWORD));
    }

    static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            jetty.stop();
        } finally {
            vigil.close();
        }
    }
}
