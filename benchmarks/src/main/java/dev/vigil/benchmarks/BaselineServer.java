package dev.vigil.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP load harness's baseline: bare embedded Jetty 12 with one servlet doing what a minimal push endpoint must
 * do and nothing more: parse {@code /api/push/{id}/{secret}}, read and parse the JSON body, check the secret against a
 * SHA-256 hash, remember the push in a map, and write a seed-002-shaped JSON answer; and the same for seed 000's
 * health report ({@code POST /api/v1/health/report} with {@code X-API-Key}), for seed 004's check events
 * ({@code POST /api/v2/event} with HTTP Basic) and seed 001's event ingest ({@code POST /api/v2/events/ingest} with
 * {@code Authorization: Api-Token}). Same Jetty, thread pool and JSON library as the example server.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.BaselineServer PORT MONITORS} prints
 * {@code push: /api/push/<id>/<secret>} for monitor 1 and listens on 127.0.0.1.
 */
public final class BaselineServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The API key health reports must carry (the load harness uses the same key for Vigil). */
    static final String API_KEY = "load-test-admin-key-0123456789";
    /** The Basic credentials check events must carry (the load harness gives Vigil the same). */
    static final String BASIC_USER_PASSWORD = "root:load-test-basic-0123456789";
    /** The API token event ingest must carry (the load harness uses the same token for Vigil). */
    static final String API_TOKEN = "load-test-api-token-0123456789";

    record Monitor(byte[] secretHash, Instant lastPush, long pushes) {
    }

    private BaselineServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int monitors = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        ConcurrentHashMap<Long, Monitor> state = new ConcurrentHashMap<>();
        String firstSecret = null;
        for (long id = 1; id <= monitors; id++) {
            String secret = "baseline-secret-" + id + "-0123456789abcdefghijklmnop";
            state.put(id, new Monitor(sha256(secret), Instant.EPOCH, 0));
            if (id == 1) {
                firstSecret = secret;
            }
        }
        Server jetty = new Server(new QueuedThreadPool(64, 4));
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new PushServlet(state)), "/*");
        jetty.setHandler(context);
        jetty.start();
        System.out.println("listening on http://127.0.0.1:" + connector.getLocalPort());
        System.out.println("push: /api/push/1/" + firstSecret);
        System.out.flush();
        jetty.join();
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class PushServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        static final String HEALTH_PATH = "/api/v1/health/report";
        static final String EVENT_PATH = "/api/v2/event";
        private final transient ConcurrentHashMap<Long, Monitor> state;
        private final transient ConcurrentHashMap<String, String> services = new ConcurrentHashMap<>();
        private final transient ConcurrentHashMap<String, java.util.concurrent.atomic.DoubleAdder> metricSums =
                new ConcurrentHashMap<>();
        private final transient byte[] apiKeyHash = sha256(API_KEY);
        private final transient byte[] basicHash = sha256(BASIC_USER_PASSWORD);
        private final transient ConcurrentHashMap<String, Instant> lastEvent = new ConcurrentHashMap<>();

        /**
         * Seed 004's check event, minimally: check Basic credentials against a SHA-256 hash, parse the JSON (one
         * event or an array), check the fields a check event needs, remember when each connector/component was
         * last seen, and answer {@code {"sent_events":[...],"failed_events":[...],"retry_events":[]}}.
         */
        private void checkEvent(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String auth = req.getHeader("Authorization");
            String given = auth == null || !auth.startsWith("Basic ") ? "" : new String(
                    java.util.Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(basicHash, sha256(given))) {
                resp.sendError(401);
                return;
            }
            JsonNode body = JSON.readTree(req.getInputStream().readNBytes(64 * 1024));
            ObjectNode out = JSON.createObjectNode();
            com.fasterxml.jackson.databind.node.ArrayNode sent = out.putArray("sent_events");
            com.fasterxml.jackson.databind.node.ArrayNode failed = out.putArray("failed_events");
            out.putArray("retry_events");
            for (JsonNode e : body.isArray() ? body : JSON.createArrayNode().add(body)) {
                int state = e.path("state").asInt(-1);
                if (e.path("connector").isTextual() && e.path("component").isTextual() && state >= 0 && state <= 3) {
                    lastEvent.put(e.path("connector").asText() + "/" + e.path("component").asText(), Instant.now());
                    sent.add(e);
                } else {
                    failed.add(e);
                }
            }
            byte[] bytes = JSON.writeValueAsBytes(out);
            resp.setContentType("application/json");
            resp.setContentLength(bytes.length);
            resp.getOutputStream().write(bytes);
        }

        /**
         * Seed 000's health report, minimally: check the key against a SHA-256 hash, parse the JSON, remember the
         * path's status, and answer {@code {"path","created","status","warnings"}}.
         */
        private void healthReport(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String key = req.getHeader("X-API-Key");
            if (key == null || !MessageDigest.isEqual(apiKeyHash, sha256(key))) {
                resp.sendError(401);
                return;
            }
            JsonNode n = JSON.readTree(req.getInputStream().readNBytes(64 * 1024));
            String path = n.path("path").asText("unknown/unknown/unknown/unknown/unknown");
            String status = n.path("status").asText("UNKNOWN").toUpperCase(java.util.Locale.ROOT);
            boolean created = services.put(path, status) == null;
            ObjectNode out = JSON.createObjectNode();
            out.put("path", path);
            out.put("created", created);
            out.put("status", status);
            out.putArray("warnings");
            byte[] bytes = JSON.writeValueAsBytes(out);
            resp.setContentType("application/json");
            resp.setContentLength(bytes.length);
            resp.getOutputStream().write(bytes);
        }

        static final String INGEST_PATH = "/api/v2/events/ingest";
        private final transient byte[] apiTokenHash = sha256(API_TOKEN);
        private final transient java.util.concurrent.ConcurrentLinkedDeque<ObjectNode> events =
                new java.util.concurrent.ConcurrentLinkedDeque<>();
        private final transient java.util.concurrent.atomic.AtomicInteger eventCount =
                new java.util.concurrent.atomic.AtomicInteger();

        /**
         * Seed 001's event ingest, minimally: check the Api-Token against a SHA-256 hash, parse the JSON, require
         * eventType and title, take the entity name out of {@code entityName.equals(...)} with a string search (no
         * selector language), keep the event in a bounded queue, and answer the seed's
         * {@code {"reportCount":1,"eventIngestResults":[{"correlationId","status"}]}}.
         */
        private void ingest(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String auth = req.getHeader("Authorization");
            if (auth == null || !auth.startsWith("Api-Token ")
                    || !MessageDigest.isEqual(apiTokenHash, sha256(auth.substring(10)))) {
                resp.sendError(401);
                return;
            }
            JsonNode n = JSON.readTree(req.getInputStream().readNBytes(64 * 1024));
            if (!n.path("eventType").isTextual() || !n.path("title").isTextual()) {
                resp.sendError(400);
                return;
            }
            String selector = n.path("entitySelector").asText("");
            int at = selector.indexOf("entityName.equals(");
            String entity = at < 0 ? "environment" : selector.substring(at + 18, selector.indexOf(')', at));
            ObjectNode event = n.deepCopy();
            event.put("entity", entity);
            event.put("startTime", System.currentTimeMillis());
            events.add(event);
            if (eventCount.incrementAndGet() > 100_000) {
                events.poll();
                eventCount.decrementAndGet();
            }
            ObjectNode out = JSON.createObjectNode();
            out.put("reportCount", 1);
            ObjectNode r = out.putArray("eventIngestResults").addObject();
            r.put("correlationId", Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()));
            r.put("status", "OK");
            byte[] bytes = JSON.writeValueAsBytes(out);
            resp.setStatus(201);
            resp.setContentType("application/json");
            resp.setContentLength(bytes.length);
            resp.getOutputStream().write(bytes);
        }

        /**
         * Seed 003's metric ingest, minimally: check the key against a SHA-256 hash, parse the JSON (one sample or
         * an array), add each value to a per-app, per-metric sum, and answer {@code {"app","accepted"}}.
         */
        private void metrics(HttpServletRequest req, HttpServletResponse resp, String app) throws IOException {
            String key = req.getHeader("X-API-Key");
            if (key == null || !MessageDigest.isEqual(apiKeyHash, sha256(key))) {
                resp.sendError(401);
                return;
            }
            JsonNode n = JSON.readTree(req.getInputStream().readNBytes(64 * 1024));
            int accepted = 0;
            for (JsonNode sample : n.isArray() ? n : JSON.createArrayNode().add(n)) {
                metricSums.computeIfAbsent(app + "/" + sample.path("metric").asText(),
                        k -> new java.util.concurrent.atomic.DoubleAdder()).add(sample.path("value").asDouble());
                accepted++;
            }
            ObjectNode out = JSON.createObjectNode();
            out.put("app", app);
            out.put("accepted", accepted);
            byte[] bytes = JSON.writeValueAsBytes(out);
            resp.setContentType("application/json");
            resp.setContentLength(bytes.length);
            resp.getOutputStream().write(bytes);
        }

        PushServlet(ConcurrentHashMap<Long, Monitor> state) {
            this.state = state;
        }

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (req.getRequestURI().equals(HEALTH_PATH)) {
                healthReport(req, resp);
                return;
            }
            String uri = req.getRequestURI();
            if (uri.startsWith("/api/v1/apps/") && uri.endsWith("/metrics")) {
                metrics(req, resp, uri.substring("/api/v1/apps/".length(), uri.length() - "/metrics".length()));
                return;
            }
            if (req.getRequestURI().equals(EVENT_PATH)) {
                checkEvent(req, resp);
                return;
            }
            if (req.getRequestURI().equals(INGEST_PATH)) {
                ingest(req, resp);
                return;
            }
            String[] parts = req.getRequestURI().split("/");
            if (parts.length != 5 || !parts[1].equals("api") || !parts[2].equals("push")) {
                resp.sendError(404);
                return;
            }
            long id;
            try {
                id = Long.parseLong(parts[3]);
            } catch (NumberFormatException e) {
                resp.sendError(404);
                return;
            }
            byte[] body = req.getInputStream().readNBytes(64 * 1024);
            String status = null;
            if (body.length > 0) {
                JsonNode n = JSON.readTree(body);
                status = n.path("status").asText(null);
            }
            Monitor m = state.get(id);
            if (m == null || !MessageDigest.isEqual(m.secretHash(), sha256(parts[4]))) {
                resp.sendError(m == null ? 404 : 403);
                return;
            }
            Instant now = Instant.now();
            state.put(id, new Monitor(m.secretHash(), now, m.pushes() + 1));
            ObjectNode out = JSON.createObjectNode();
            out.put("success", true);
            out.put("monitor_id", id);
            out.put("received_at", now.toString());
            out.put("next_expected_by", now.plus(Duration.ofHours(25)).toString());
            if (status != null && status.equals("unknown")) {
                out.putArray("warnings").add("unknown status");
            }
            byte[] bytes = JSON.writeValueAsBytes(out);
            resp.setContentType("application/json");
            resp.setContentLength(bytes.length);
            resp.getOutputStream().write(bytes);
        }
    }
}
