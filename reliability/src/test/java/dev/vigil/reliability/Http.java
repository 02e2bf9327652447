package dev.vigil.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** HTTP to a child: a JDK client for well-formed requests, raw sockets for the rest. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    record Answer(int status, String body, Map<String, java.util.List<String>> headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    static Answer send(String method, String url, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Answer get(String url, String... headers) {
        return send("GET", url, null, headers);
    }

    static Answer post(String url, String body, String... headers) {
        return send("POST", url, body, headers);
    }

    /** A raw HTTP/1.1 exchange: the bytes as given, the answer until the server closes or 10 s pass. */
    static RawAnswer raw(String baseUrl, byte[] request) {
        URI u = URI.create(baseUrl);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(u.getHost(), u.getPort()), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                s.shutdownOutput();
            } catch (IOException e) {
                // the server stopped reading (a body over the limit): its answer may still be there
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    got.write(buf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // an answer that did not end the connection: judged by what arrived
            } catch (IOException e) {
                // reset after the answer (the server refused the rest of the body): judged by what arrived
            }
            return RawAnswer.parse(got.toByteArray());
        } catch (IOException e) {
            return new RawAnswer(-1, "", "connect failed: " + e.getMessage());
        }
    }

    /** What a raw exchange got back: the first status line's code (-1 for none), the head and the body. */
    record RawAnswer(int status, String head, String body) {
        static RawAnswer parse(byte[] bytes) {
            String all = new String(bytes, StandardCharsets.ISO_8859_1);
            if (all.isEmpty()) {
                return new RawAnswer(-1, "", "");
            }
            int end = all.indexOf("\r\n\r\n");
            String head = end < 0 ? all : all.substring(0, end);
            String body = end < 0 ? "" : all.substring(end + 4);
            int status = -1;
            if (head.startsWith("HTTP/1.")) {
                try {
                    status = Integer.parseInt(head.substring(9, 12));
                } catch (RuntimeException e) {
                    status = -1;
                }
            }
            return new RawAnswer(status, head, new String(body.getBytes(StandardCharsets.ISO_8859_1),
                    StandardCharsets.UTF_8));
        }
    }
}
