package dev.vigil.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real example server against requests a well-behaved client never sends: each answer is JSON in the user's
 * terms, and slow clients do not stall it. Raw sockets, since java.net.http refuses to send such requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleServerHostileClientsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "hostile-test-key-0123456789abcdef";

    private ExampleServer server;
    private int port;
    private String prefix;
    private String pushPath;

    @BeforeAll
    void start() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        server = ExampleServer.start(new String[] {"--port", "0", "--config", "vigil-demo.yaml", "--db", "memory",
                "--prefix", "/monitoring"}, Map.of("VIGIL_API_KEY", KEY), new PrintStream(bytes, true,
                StandardCharsets.UTF_8));
        URI url = URI.create(server.url());
        port = url.getPort();
        prefix = url.getPath();
        Matcher m = Pattern.compile("Daily Backup Job: http://[^/]+(/\\S+)").matcher(bytes.toString(
                StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        pushPath = m.group(1);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** One answer: status, headers (lower-case names), body. */
    record Answer(int status, Map<String, String> headers, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /** Sends raw bytes and reads one answer (by its Content-Length, or until the server closes). */
    private Answer send(String raw) {
        return send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    private Answer send(byte[] raw) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(raw);
            out.flush();
            return read(s.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        assertThat(lines[0]).as("status line").startsWith("HTTP/1.1 ");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        try {
            if (length != null) {
                body.write(in.readNBytes(Integer.parseInt(length)));
            } else {
                in.transferTo(body);
            }
        } catch (SocketTimeoutException e) {
            // what arrived is the answer
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    /** JSON with an "error" in plain words: no HTML, no Java or Jetty names. */
    private static String assertJsonError(Answer a, int status) throws IOException {
        assertThat(a.status()).as("status of %s", a).isEqualTo(status);
        assertThat(a.headers().get("content-type")).as("content type of %s", a).startsWith("application/json");
        assertThat(a.body()).doesNotContainIgnoringCase("<html").doesNotContain("org.eclipse")
                .doesNotContainIgnoringCase("jetty").doesNotContain("Exception").doesNotContain("java.")
                .doesNotContain("com.fasterxml").doesNotContain("Feature");
        JsonNode json = a.json();
        assertThat(json.size()).as(a.body()).isEqualTo(1);
        assertThat(json.get("error").isTextual()).as(a.body()).isTrue();
        return json.get("error").asText();
    }

    private String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%zz", "/api/push/1%2f2/x", "/api/v1/monitors/%00", "/%2e%2e/etc/passwd",
            "/api/push/%zz/x", "/a%2Fb", "/%c0%ae%c0%ae/"})
    void malformedOrAmbiguousUrlsGetJson400(String path) throws IOException {
        for (String target : List.of(path, prefix + path)) {
            Answer a = send(get(target));
            String error = assertJsonError(a, 400);
            System.out.println("GET " + target + " -> " + a.status() + " " + a.body());
            assertThat(error).as(target).contains("URL");
        }
    }

    @Test
    void oversizedHeadersGetJson431() throws IOException {
        String big = "X-Padding: " + "a".repeat(20 * 1024) + "\r\n";
        Answer a = send("GET " + prefix + "/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + big + "\r\n");
        assertThat(assertJsonError(a, 431)).isEqualTo("The request headers are too large");
    }

    @Test
    void badOrRepeatedContentLengthGetsJson400() throws IOException {
        for (String lengths : List.of("Content-Length: 2\r\nContent-Length: 3\r\n", "Content-Length: abc\r\n",
                "Content-Length: -1\r\n", "Content-Length: 99999999999999999999999\r\n",
                "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n")) {
            Answer a = send("POST " + pushPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + lengths + "\r\n{}");
            assertThat(a.status()).as(lengths).isEqualTo(400);
            assertJsonError(a, 400);
            System.out.println(lengths.replace("\r\n", " ") + "-> " + a.status() + " " + a.body());
        }
    }

    @Test
    void unknownHttpVersionsGetJson() throws IOException {
        Answer a = send("GET " + prefix + "/healthz HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(a.status()).isIn(400, 505);
        assertThat(assertJsonError(a, a.status())).contains("HTTP version");
        System.out.println("HTTP/9.9 -> " + a.status() + " " + a.body());
    }

    @Test
    void connectIsRefusedInJson() throws IOException {
        Answer a = send("CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n");
        assertThat(a.status()).isIn(400, 405, 501);
        assertJsonError(a, a.status());
        System.out.println("CONNECT -> " + a.status() + " " + a.body());
    }

    @Test
    void unmappedPathsOutsideThePrefixGetJson404() throws IOException {
        assertThat(assertJsonError(send(get("/elsewhere")), 404)).isEqualTo("Not found");
        Answer delete = send("DELETE /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(delete.status()).isIn(404, 405); // Jetty's default servlet allows only GET and HEAD
        assertJsonError(delete, delete.status());
    }

    @Test
    void jsonWithTrailingContentIsExplainedInTheUsersTerms() throws IOException {
        String body = "{\"status\":\"success\"} {\"status\":\"error\"}";
        Answer a = send("POST " + pushPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body);
        assertThat(assertJsonError(a, 400)).isEqualTo("Malformed JSON at line 1, column 22: unexpected content after "
                + "the JSON value (send exactly one value)");
        assertThat(assertJsonError(send("POST " + pushPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Length: 15\r\n\r\n{\"status\": NaN}"), 400)).startsWith("Malformed JSON at line 1");
    }

    /**
     * 200 connections that send a request head announcing 1000 bytes of body and then only 10 of them: they hold
     * connections, not threads, and {@code /healthz} answers at once.
     */
    @Test
    void slowClientsDoNotStallTheServer() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            String head = "POST " + pushPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"status\":";
            for (int i = 0; i < 200; i++) {
                Socket s = new Socket("127.0.0.1", port);
                slow.add(s);
                s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            }
            long worst = 0;
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                Answer a = send(get(prefix + "/healthz"));
                long millis = (System.nanoTime() - started) / 1_000_000;
                worst = Math.max(worst, millis);
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.json().get("status").asText()).isEqualTo("ok");
            }
            System.out.println("GET /healthz with 200 slow clients connected: slowest of 3 took " + worst + " ms");
            assertThat(worst).as("milliseconds for /healthz with 200 slow clients").isLessThanOrEqualTo(3000);
            // an admin request that reads a body still gets a thread too
            String body = "{\"matchers\":[\"group=Maintenance Tasks\"],\"duration\":\"1h\"}";
            Answer created = send("POST " + prefix + "/api/v1/silences HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: "
                    + KEY + "\r\nConnection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }
}
