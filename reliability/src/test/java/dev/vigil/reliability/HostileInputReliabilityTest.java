package dev.vigil.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.http.AuthScheme;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import dev.vigil.http.VigilHttp;
import dev.vigil.store.memory.MemoryStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile clients against the example server itself (as {@code ./run-example.sh} runs it): fuzzed and malformed
 * requests on every route of every family, bodies over the limit, and slow clients. Every answer is judged: never a
 * 5xx, never a stack trace, never HTML; the server's log holds no stack trace either.
 */
class HostileInputReliabilityTest extends Scenario {
    private static final String TOKEN = "reliability-token-0123456789";
    private static final String BASIC = "vigil:basic-password-0123456789";
    /** An exception's class name (qualified or not) or a stack frame: internals that must never reach a client. */
    private static final Pattern STACK = Pattern.compile("\\b\\w*(Exception|Throwable)\\b|\\b(java|javax|jakarta|dev\\.vigil|org)"
            + "\\.[\\w.$]*(Error|Exception)\\b|\\bat [\\w$]+(\\.[\\w$]+)+\\(");
    private static final Pattern LOG_STACK = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(");

    @TempDir
    Path dir;

    private Child example(String name) {
        Path config = write(dir.resolve(name + ".yaml"), "monitors: []\n");
        return closeLater(Child.start(Child.EXAMPLE_SERVER, List.of("--port", "0", "--config", config.toString(),
                "--db", "jdbc:h2:file:" + dir.resolve(name)), Map.of("VIGIL_API_KEY", KEY, "VIGIL_API_TOKEN", TOKEN,
                "VIGIL_BASIC_AUTH", BASIC), logFile(name)));
    }

    /**
     * Families whose pages are HTML by design (the status page, {@code vigil-status-page}): their answers are judged
     * for 5xx and stack traces, not for HTML.
     */
    private static final java.util.Set<String> HTML_FAMILIES = java.util.Set.of("status-page");
    private static final java.util.Set<String> HTML_TEMPLATES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Every route of every family, as the server builds them (families found by ServiceLoader included). */
    static List<Route> routes() {
        try (Vigil vigil = Vigil.builder().store(new MemoryStore()).build()) {
            VigilHttp http = VigilHttp.builder(vigil).apiKeys(KEY).apiToken(TOKEN, "events.ingest").basicAuth("vigil",
                    "basic-password-0123456789").build();
            List<Route> out = new ArrayList<>();
            for (RouteFamily f : http.families()) {
                out.addAll(f.routes());
                if (HTML_FAMILIES.contains(f.name())) {
                    f.routes().forEach(r -> HTML_TEMPLATES.add(r.template()));
                }
            }
            return out;
        }
    }

    private static String credential(Route r) {
        if (r.auth() == null) {
            return "";
        }
        return switch (r.auth()) {
            case API_KEY -> "X-API-Key: " + KEY + "\r\n";
            case API_TOKEN -> "Authorization: Api-Token " + TOKEN + "\r\n";
            case BASIC -> "Authorization: Basic " + Base64.getEncoder().encodeToString(
                    BASIC.getBytes(StandardCharsets.UTF_8)) + "\r\n";
        };
    }

    private static final String[] PARAMS = {"1", "0", "-1", "99999999999999999999999", "abc", "%00", "%2e%2e", "..",
        "%C3%28", "%FF", "x%20y", "%E2%80%AE", "a".repeat(300), "1e309", "null", "%7B%7D", "web.1", "CUSTOM_DEVICE-1"};
    private static final String[] KEYS = {"name", "config", "expected_interval", "grace_period", "schedule", "path",
        "status", "message", "details", "eventType", "title", "entitySelector", "properties", "timeout", "startTime",
        "pattern", "expected_interval", "app", "metric", "value", "dyno", "timestamp", "matchers", "duration",
        "tolerance", "warn", "crit", "window", "every", "slack", "post", "email", "usedBytes", "allocatedBytes",
        "freePercent", "slaGroup", "tags", "displayName", "type", "customDeviceId", "connector", "connector_name",
        "event_type", "source_type", "component", "resource", "state", "notifications", "alert_on", "enabled"};

    private static String randomValue(Random rnd, int depth) {
        return switch (rnd.nextInt(depth > 2 ? 8 : 10)) {
            case 0 -> "null";
            case 1 -> rnd.nextBoolean() ? "true" : "false";
            case 2 -> Long.toString(rnd.nextLong());
            case 3 -> "1" + "0".repeat(rnd.nextInt(400)) + (rnd.nextBoolean() ? "" : ".5e999999");
            case 4 -> "-0.0000000000000000000000001e-999";
            case 5 -> "\"" + "x".repeat(rnd.nextInt(50)) + "\\u0000\\ud800\"";
            case 6 -> "\"" + PARAMS[rnd.nextInt(PARAMS.length)] + "\"";
            case 7 -> "\"2025-13-45T99:99:99Z\"";
            case 8 -> "[" + randomValue(rnd, depth + 1) + "," + randomValue(rnd, depth + 1) + "]";
            default -> randomObject(rnd, depth + 1);
        };
    }

    private static String randomObject(Random rnd, int depth) {
        StringBuilder sb = new StringBuilder("{");
        int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"').append(KEYS[rnd.nextInt(KEYS.length)]).append("\":").append(randomValue(rnd, depth));
        }
        return sb.append('}').toString();
    }

    /** One malformed body of the kind {@code kind}. */
    private static byte[] body(Random rnd, int kind) {
        return switch (kind) {
            case 0 -> { // random bytes
                byte[] b = new byte[rnd.nextInt(2000)];
                rnd.nextBytes(b);
                yield b;
            }
            case 1 -> { // truncated JSON
                String full = randomObject(rnd, 0);
                yield full.substring(0, rnd.nextInt(Math.max(1, full.length()))).getBytes(StandardCharsets.UTF_8);
            }
            case 2 -> randomObject(rnd, 0).getBytes(StandardCharsets.UTF_8); // wrong types, odd values
            case 3 -> ("{\"value\": " + "9".repeat(1000 + rnd.nextInt(20000)) + "}").getBytes(StandardCharsets.UTF_8);
            case 4 -> { // deep nesting
                int depth = 100 + rnd.nextInt(20000);
                yield (rnd.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8);
            }
            case 5 -> { // bad UTF-8 inside JSON strings: invalid, overlong, lone surrogate, truncated sequence
                byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF},
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
                ByteArrayOutputStream o = new ByteArrayOutputStream();
                o.writeBytes(("{\"" + KEYS[rnd.nextInt(KEYS.length)] + "\": \"").getBytes(StandardCharsets.UTF_8));
                o.writeBytes(bad[rnd.nextInt(bad.length)]);
                o.writeBytes("\", \"name\": \"x\"}".getBytes(StandardCharsets.UTF_8));
                yield o.toByteArray();
            }
            case 6 -> "[]".getBytes(StandardCharsets.UTF_8);
            default -> "\"just a string\"".getBytes(StandardCharsets.UTF_8);
        };
    }

    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE",
        "DEL", "PROPFIND", "get", "GETT", "M-SEARCH"};
    private static final String[] ODD_HEADERS = {"Content-Type: application/xml\r\n",
        "Content-Type: multipart/form-data; boundary=x\r\n", "Content-Type: application/json; charset=utf-16\r\n",
        "Content-Type: application/x-www-form-urlencoded\r\n", "Accept: text/html\r\n", "Accept: */*;q=0\r\n",
        "X-Forwarded-For: 127.0.0.1, evil\r\n", "Content-Encoding: gzip\r\n", "Expect: 100-continue\r\n",
        "X-Long: " + "y".repeat(7000) + "\r\n", "Idempotency-Key: \r\n", "Idempotency-Key: " + "k".repeat(500) + "\r\n",
        "Accept-Charset: \u00ff\u00fe\r\n", ""};

    private record Request(String label, byte[] bytes) {
    }

    private static Request request(Random rnd, Route r, String path) {
        int kind = rnd.nextInt(8);
        String method = rnd.nextInt(4) == 0 ? METHODS[rnd.nextInt(METHODS.length)] : r.method();
        byte[] body = body(rnd, kind);
        String headers = credential(r) + ODD_HEADERS[rnd.nextInt(ODD_HEADERS.length)];
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        String framing;
        switch (rnd.nextInt(6)) {
            case 0 -> framing = "Content-Length: " + Math.max(0, body.length - rnd.nextInt(5)) + "\r\n"; // short
            case 1 -> framing = "Transfer-Encoding: chunked\r\n"; // and a body that is no valid chunking
            case 2 -> framing = "Content-Length: " + body.length + "\r\nContent-Length: " + (body.length + 1) + "\r\n";
            default -> framing = "Content-Length: " + body.length + "\r\n";
        }
        o.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + framing
                + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        o.writeBytes(body);
        return new Request(method + " " + path + " [" + r.template() + "] (body kind " + kind + ")", o.toByteArray());
    }

    private static String path(Random rnd, Route r, Monitor m) {
        StringBuilder sb = new StringBuilder();
        for (String seg : Route.split(r.template())) {
            sb.append('/');
            if (seg.equals("{monitor_id}") && rnd.nextBoolean()) {
                sb.append(m.id());
            } else if (seg.equals("{secret_key}") && rnd.nextBoolean()) {
                sb.append(m.pushPath().substring(m.pushPath().lastIndexOf('/') + 1));
            } else if (Route.isParam(seg)) {
                sb.append(PARAMS[rnd.nextInt(PARAMS.length)]);
            } else {
                sb.append(seg);
            }
        }
        if (rnd.nextInt(4) == 0) {
            sb.append("?limit=").append(PARAMS[rnd.nextInt(PARAMS.length)]).append("&from=now-99999999y&status=%ZZ");
        }
        return sb.toString();
    }

    /** A judgement of one answer: null when it is fine, else what is wrong. */
    private static String judge(Http.RawAnswer a, boolean htmlAllowed) {
        // 505 is HTTP's own answer to a request line naming an unknown version (HTTP/1.2): not a server error about
        // the input's content, and answered in JSON like every other; counted apart in the report
        if (a.status() >= 500 && !(a.status() == 505 && a.body().contains("HTTP version is not supported"))) {
            return "status " + a.status();
        }
        String lower = (a.head() + "\n" + a.body()).toLowerCase(java.util.Locale.ROOT);
        if (!htmlAllowed && (lower.contains("<html") || lower.contains("<!doctype")
                || lower.contains("content-type: text/html"))) {
            return "HTML";
        }
        if (STACK.matcher(a.body()).find()) {
            return "stack trace or exception name";
        }
        return null;
    }

    @Test
    void fuzzedAndMalformedRequestsOnEveryRoute() throws Exception {
        Child c = example("fuzz");
        Monitor m = createMonitor(c, "{\"name\": \"fuzzed\", \"config\": {\"expected_interval\": 3600}}");
        List<Route> routes = routes();
        assertThat(routes.stream().map(Route::template)).contains("/api/push/{monitor_id}/{secret_key}",
                "/api/v1/health/report", "/api/v2/events/ingest", "/api/v2/heartbeat", "/task/5xx");
        AtomicLong tried = new AtomicLong();
        AtomicLong unanswered = new AtomicLong();
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        Map<String, String> bad = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int ri = 0; ri < routes.size(); ri++) {
            Route r = routes.get(ri);
            long seed = 17L * 1_000_003 + ri;
            done.add(pool.submit(() -> {
                Random rnd = new Random(seed);
                for (int i = 0; i < SIZE.inputsPerRoute; i++) {
                    Request req = request(rnd, r, path(rnd, r, m));
                    Http.RawAnswer a = Http.raw(c.url(), req.bytes());
                    tried.incrementAndGet();
                    statuses.merge(a.status(), 1L, Long::sum);
                    if (a.status() < 0) {
                        unanswered.incrementAndGet();
                    }
                    String why = judge(a, HTML_TEMPLATES.contains(r.template()));
                    if (why != null) {
                        bad.putIfAbsent(req.label() + ": " + why, a.head() + "\n" + a.body());
                    }
                }
                return null;
            }));
        }
        // random bytes as the whole request, and random request lines against arbitrary paths
        done.add(pool.submit(() -> {
            Random rnd = new Random(4242);
            for (int i = 0; i < SIZE.randomRequests; i++) {
                byte[] b;
                if (i % 2 == 0) {
                    b = new byte[1 + rnd.nextInt(3000)];
                    rnd.nextBytes(b);
                } else {
                    String p = "/" + PARAMS[rnd.nextInt(PARAMS.length)] + "/" + PARAMS[rnd.nextInt(PARAMS.length)];
                    b = (METHODS[rnd.nextInt(METHODS.length)] + " " + p + " HTTP/1." + rnd.nextInt(3)
                            + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
                }
                Http.RawAnswer a = Http.raw(c.url(), b);
                tried.incrementAndGet();
                statuses.merge(a.status(), 1L, Long::sum);
                if (a.status() < 0) {
                    unanswered.incrementAndGet();
                }
                String why = judge(a, false);
                if (why != null) {
                    bad.putIfAbsent("random request: " + why, a.head() + "\n" + a.body());
                }
            }
            return null;
        }));
        for (Future<?> f : done) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdownNow();
        assertThat(bad).as("answers with a 5xx, a stack trace or HTML").isEmpty();
        assertThat(LOG_STACK.matcher(c.log()).find()).as("a stack trace in the server's log:\n" + c.log()).isFalse();
        assertThat(Http.get(c.url() + "/healthz").status()).isEqualTo(200);
        // (the fuzzed admin routes may legitimately have deleted or paused the monitor: valid credentials were sent)
        Report.record(new Report.Row("fuzzed and malformed requests", routes.size() + " routes of "
                + "every family × " + SIZE.inputsPerRoute + " inputs, plus " + SIZE.randomRequests + " random requests",
                "random bytes, truncated JSON, wrong types, huge numbers, deep nesting, bad UTF-8, odd methods, "
                        + "headers and framing", tried.get(), 0, 0,
                "0 × 5xx (but HTTP's own 505 for an unknown HTTP version, " + statuses.getOrDefault(505, 0L)
                        + ", in JSON), 0 stack traces, 0 HTML; statuses " + new java.util.TreeMap<>(statuses)
                        + " (-1: connection closed without an answer)"));
    }

    @Test
    void bodiesOverTheLimitAre413AndWriteNothing() {
        Child c = example("limit");
        Monitor m = createMonitor(c, "{\"name\": \"limited\", \"config\": {\"expected_interval\": 3600}}");
        String big = "{\"status\":\"success\",\"message\":\"" + "x".repeat(70 * 1024) + "\"}";
        List<String[]> targets = List.of(new String[] {m.pushPath(), ""},
                new String[] {"/api/v1/health/report", "X-API-Key: " + KEY + "\r\n"},
                new String[] {"/api/v1/monitors", "X-API-Key: " + KEY + "\r\n"},
                new String[] {"/api/v2/events/ingest", "Authorization: Api-Token " + TOKEN + "\r\n"},
                new String[] {"/api/v2/event", "Authorization: Basic " + Base64.getEncoder().encodeToString(
                        BASIC.getBytes(StandardCharsets.UTF_8)) + "\r\n"});
        int tried = 0;
        int got413 = 0;
        for (String[] t : targets) {
            for (boolean expect : new boolean[] {true, false}) {
                String head = "POST " + t[0] + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + t[1]
                        + (expect ? "Expect: 100-continue\r\n" : "") + "Content-Length: " + big.length() + "\r\n\r\n";
                Http.RawAnswer a = Http.raw(c.url(), (head + big).getBytes(StandardCharsets.UTF_8));
                tried++;
                if (expect) {
                    assertThat(a.status()).as(t[0] + ": " + a.head()).isEqualTo(413);
                }
                if (a.status() == 413) {
                    got413++;
                    assertThat(judge(a, false)).isNull();
                    assertThat(a.body()).contains("\"");
                }
                assertThat(a.status()).as("over the limit without Expect: a 413 or a closed connection")
                        .isIn(413, -1);
            }
        }
        // nothing was written: the monitor was never pushed, no service or monitor appeared
        assertThat(monitor(c, m.id()).get("push_count").asLong()).isZero();
        assertThat(Http.get(c.url() + "/api/v1/services", "X-API-Key", KEY).json().get("services")).isEmpty();
        assertThat(Http.get(c.url() + "/api/v1/monitors", "X-API-Key", KEY).json().get("monitors")).hasSize(1);
        Report.record(new Report.Row("bodies over the limit", tried + " bodies of 70 KiB (limit 64 KiB) on 5 routes",
                "-", tried, 0, 0, got413 + " answered 413 (all with Expect: 100-continue), the others closed;"
                        + " nothing written"));
    }

    @Test
    void slowClientsDoNotBlockOthers() throws Exception {
        Child c = example("slow");
        Monitor m = createMonitor(c, "{\"name\": \"still pushed\", \"config\": {\"expected_interval\": 3600}}");
        URI u = URI.create(c.url());
        List<Socket> slow = new ArrayList<>();
        long worstMillis = 0;
        int answered = 0;
        try {
            for (int i = 0; i < SIZE.slowClients; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(u.getHost(), u.getPort()), 5000);
                OutputStream out = s.getOutputStream();
                String path = i % 2 == 0 ? m.pushPath() : "/api/v1/health/report";
                out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + KEY
                        + "\r\nContent-Length: 1000\r\n\r\n{\"status\":").getBytes(StandardCharsets.UTF_8));
                out.flush();
                slow.add(s);
            }
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                assertThat(Http.get(c.url() + "/healthz").status()).isEqualTo(200);
                assertThat(Http.post(c.url() + m.pushPath(), "{\"status\":\"success\"}").status()).isEqualTo(200);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                worstMillis = Math.max(worstMillis, ms);
                answered += 2;
            }
        } finally {
            for (Socket s : slow) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
        assertThat(worstMillis).as("worst healthz + push round trip with slow clients holding connections")
                .isLessThan(Duration.ofSeconds(5).toMillis());
        assertThat(monitor(c, m.id()).get("push_count").asLong()).isEqualTo(20);
        Report.record(new Report.Row("slow clients (partial bodies held open)", SIZE.slowClients
                + " clients each holding 10 of 1000 announced bytes", "-", answered, 0, 0,
                "other clients answered throughout; worst healthz + push round trip " + worstMillis + " ms"));
    }
}
