package dev.vigil.http.jdk;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsExchange;
import dev.vigil.http.HttpRequest;
import dev.vigil.http.HttpResponse;
import dev.vigil.http.VigilHttp;
import dev.vigil.internal.LogLimiter;
import dev.vigil.model.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vigil's HTTP API on the JDK's own {@link HttpServer}, for applications without a servlet container. It only
 * translates, as {@code VigilServlet} does: the request (path relative to the context, raw query, headers, body
 * stream) goes to {@link VigilHttp}, the response comes back.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8080), 0);
 * server.setExecutor(Executors.newFixedThreadPool(32));     // the JDK's default runs every request on one thread
 * VigilHttpHandler.mount(server, "/monitoring", http);      // or "" for the root
 * server.start();
 * }</pre>
 *
 * <p>The body is read lazily by the routes that need it and never past {@link VigilHttp#maxBodyBytes()}; a body
 * declared (or found) over the limit gets the 413 of its route family and the connection is closed, after dropping
 * what the client has sent meanwhile (for at most a fraction of a second), rather than drained to the end. A path that is ambiguous once decoded (an encoded {@code /}, {@code \} or NUL) is refused with a 400 in
 * the family's error shape. The JDK server itself answers {@code Expect: 100-continue} before any handler runs, and
 * refuses a malformed request line or {@code Content-Length} with a plain-text 400 of its own.
 */
public final class VigilHttpHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(VigilHttpHandler.class);
    /** A failure that repeats (same exception class) is logged in full once, then summarised once a minute. */
    private static final LogLimiter ERRORS = new LogLimiter(Duration.ofMinutes(1), InstantSource.system());
    private static final byte[] INTERNAL_ERROR = "{\"error\":\"Internal server error\"}"
            .getBytes(StandardCharsets.UTF_8);
    /** Encoded characters that would change a path's meaning once decoded; Jetty refuses them too. */
    private static final Pattern AMBIGUOUS = Pattern.compile("%(2[fF]|5[cC]|00)");
    /** What a Host header may hold to be used in absolute URLs (push URLs): a host name or address and a port. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:[0-9]{1,5})?");

    /** At most this much of an unread body is dropped before the connection closes. */
    private static final long DRAIN_LIMIT = 8L * 1024 * 1024;
    /** How long the drain waits for more of the body when none has arrived. */
    private static final Duration DRAIN_IDLE = Duration.ofMillis(200);

    private final VigilHttp http;

    public VigilHttpHandler(VigilHttp http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    /**
     * Mounts the API on {@code server} under {@code prefix} ({@code ""} or {@code "/"} for the root, otherwise a path
     * such as {@code /monitoring} without a trailing slash) and returns the context.
     *
     * @throws IllegalArgumentException if the prefix is not such a path, or the server has a context there already
     */
    public static HttpContext mount(HttpServer server, String prefix, VigilHttp http) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(prefix, "prefix");
        String path = prefix.isEmpty() ? "/" : prefix;
        if (!path.startsWith("/") || (path.length() > 1 && path.endsWith("/")) || path.contains("//")
                || !Text.isPrintable(path) || path.contains("?") || path.contains("#") || path.contains("%")) {
            throw new IllegalArgumentException("prefix must be \"\" or a path such as /monitoring (no trailing slash, "
                    + "no query, not encoded), got '" + Text.forLog(prefix) + "'");
        }
        return server.createContext(path, new VigilHttpHandler(http));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (serve(exchange)) {
            exchange.close();
        } else {
            // Closing the exchange would make the JDK server read the rest of the body first (blocking while a client
            // that announced a megabyte sends nothing); a handler's IOException makes it close the connection at
            // once instead. The answer has been flushed already. What the client is sending right now is read and
            // dropped first (briefly, and never more than DRAIN_LIMIT), so that closing with unread bytes does not
            // reset the connection and lose the answer on the client's side.
            drainBriefly(exchange.getRequestBody());
            throw new CloseConnection();
        }
    }

    /** Answers the request; returns whether the connection can be kept (false: close it, the body is unread). */
    private boolean serve(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String context = exchange.getHttpContext().getPath();
        String mount = context.equals("/") ? "" : context;
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        // the JDK matches contexts by string prefix: /monitoring also gets /monitoringfoo, which is not ours
        String rawRelative = rawPath.startsWith(mount) ? rawPath.substring(mount.length()) : rawPath;
        boolean outside = !rawRelative.isEmpty() && !rawRelative.startsWith("/");
        boolean ambiguous = AMBIGUOUS.matcher(rawRelative).find();
        String path = outside || ambiguous ? "/" : decode(rawRelative);
        long declared = declaredLength(exchange);
        BodyInput body = new BodyInput(exchange.getRequestBody());
        HttpRequest request = translate(exchange, path, mount, body, declared);
        HttpResponse response;
        try {
            if (outside) {
                response = http.reject(request, 404, "Not found: no API route matches this path");
            } else if (ambiguous) {
                response = http.reject(request, 400, "The URL path is ambiguous: it encodes '/', '\\' or NUL");
            } else {
                response = http.handle(request);
            }
        } catch (RuntimeException e) {
            logFailure(exchange, e);
            response = new HttpResponse(500, Map.of("Content-Type", "application/json"), INTERNAL_ERROR);
        }
        boolean chunked = exchange.getRequestHeaders().getFirst("Transfer-Encoding") != null;
        boolean close = !body.finish(chunked ? -1 : Math.max(declared, 0), http.maxBodyBytes());
        write(exchange, response, close);
        return !close;
    }

    /**
     * Reads and drops what has arrived of an unread body, waiting at most {@link #DRAIN_IDLE} for more each time
     * nothing is there, and stopping after {@link #DRAIN_LIMIT} bytes: a client that stalls costs this handler thread
     * a fraction of a second, not more.
     */
    private static void drainBriefly(InputStream in) {
        byte[] buf = new byte[16 * 1024];
        long read = 0;
        long idleSince = System.nanoTime();
        try {
            while (read < DRAIN_LIMIT) {
                int ready = in.available();
                if (ready <= 0) {
                    if (System.nanoTime() - idleSince > DRAIN_IDLE.toNanos()) {
                        return;
                    }
                    Thread.sleep(5); // the client's next packets, not a clock
                    continue;
                }
                int n = in.read(buf, 0, Math.min(buf.length, ready));
                if (n < 0) {
                    return;
                }
                read += n;
                idleSince = System.nanoTime();
            }
        } catch (IOException e) {
            // the client went away: nothing left to protect
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Thrown after the answer was sent, so that the server closes the connection without reading the body. */
    private static final class CloseConnection extends IOException {
        private static final long serialVersionUID = 1L;

        CloseConnection() {
            super("request body left unread; closing the connection");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // a signal, not an error: no stack to record
        }
    }

    private static void logFailure(HttpExchange exchange, RuntimeException e) {
        LogLimiter.Decision d = ERRORS.check(e.getClass().getName());
        if (d.verdict() == LogLimiter.Verdict.FULL) {
            LOG.error("VigilHttpHandler could not handle a {} request", Text.forLog(exchange.getRequestMethod()), e);
        } else if (d.verdict() == LogLimiter.Verdict.SUMMARY) {
            LOG.error("VigilHttpHandler could not handle a {} request again: {}: {} ({} more since the last report"
                    + " were not logged)", Text.forLog(exchange.getRequestMethod()), e.getClass().getName(),
                    Text.forLog(String.valueOf(e.getMessage())), d.suppressed());
        }
    }

    /** Percent-decodes a raw path as UTF-8 (a {@code +} stays a {@code +}); an empty path is {@code /}. */
    static String decode(String raw) {
        if (raw.isEmpty()) {
            return "/";
        }
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        byte[] out = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            int hi;
            int lo;
            if (c == '%' && i + 2 < raw.length() && (hi = Character.digit(raw.charAt(i + 1), 16)) >= 0
                    && (lo = Character.digit(raw.charAt(i + 2), 16)) >= 0) {
                out[n++] = (byte) (hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else { // the JDK's URI keeps other characters as they came: re-encode them
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (n + b.length > out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2 + b.length);
                }
                System.arraycopy(b, 0, out, n, b.length);
                n += b.length;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** The declared Content-Length, or -1 when there is none (no body, or chunked). */
    private static long declaredLength(HttpExchange exchange) {
        if (exchange.getRequestHeaders().getFirst("Transfer-Encoding") != null) {
            return -1;
        }
        String value = exchange.getRequestHeaders().getFirst("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.strip()); // the server validated it before calling us
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static HttpRequest translate(HttpExchange exchange, String path, String mount, InputStream body,
            long declared) {
        InetSocketAddress remote = exchange.getRemoteAddress();
        HttpRequest.Builder b = HttpRequest.builder(exchange.getRequestMethod().toUpperCase(Locale.ROOT), path)
                .rawQuery(exchange.getRequestURI().getRawQuery())
                .remoteAddress(remote == null || remote.getAddress() == null ? "" : remote.getAddress().getHostAddress())
                .baseUrl(() -> baseUrl(exchange, mount))
                .body(body, declared);
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            for (String value : h.getValue()) {
                b.header(h.getKey(), value);
            }
        }
        return b.build();
    }

    /**
     * {@code scheme://host[:port]/prefix}: the Host header when it is a plain host and port, otherwise the address
     * the request came in on.
     */
    static String baseUrl(HttpExchange exchange, String mount) {
        String scheme = exchange instanceof HttpsExchange ? "https" : "http";
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !HOST.matcher(host).matches()) {
            InetSocketAddress local = exchange.getLocalAddress();
            String address = local.getAddress().getHostAddress();
            host = (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + local.getPort();
        }
        return scheme + "://" + host + mount;
    }

    private static void write(HttpExchange exchange, HttpResponse response, boolean close) throws IOException {
        boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        int status = response.status();
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            if (!h.getKey().equalsIgnoreCase("Content-Length")) { // the server frames the body itself
                exchange.getResponseHeaders().set(h.getKey(), h.getValue());
            }
        }
        if (close) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
        byte[] body = response.body();
        boolean noBody = head || body.length == 0 || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length); // 0 would mean chunked
        OutputStream out = exchange.getResponseBody();
        if (!noBody) {
            out.write(body);
        }
        out.flush();
    }

    /**
     * The request body as the routes read it, remembering whether they read it to its end; {@link #finish} reads
     * what is left of a small declared body so the connection can serve the client's next request.
     */
    static final class BodyInput extends InputStream {
        private final InputStream in;
        private boolean eof;

        BodyInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                eof = true;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n < 0) {
                eof = true;
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        /**
         * Whether the connection can stay open: the body was read to its end, or is declared within the limit and the
         * rest is read now (a body not read by the route, e.g. of a 404). A body over the limit, or chunked
         * ({@code declared} -1) and not read to its end, is left unread: the connection must close.
         */
        boolean finish(long declared, int maxBytes) {
            if (eof || declared == 0) {
                return true;
            }
            if (declared < 0 || declared > maxBytes) {
                return false;
            }
            try {
                byte[] scratch = new byte[8192];
                while (in.read(scratch) >= 0) { // at most the declared length: the server frames the body
                    continue;
                }
                return true;
            } catch (IOException e) {
                return false; // the client went away
            }
        }
    }
}
