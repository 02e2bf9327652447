package dev.vigil.http.servlet;

import dev.vigil.Vigil;
import dev.vigil.http.HttpRequest;
import dev.vigil.http.HttpResponse;
import dev.vigil.http.VigilHttp;
import dev.vigil.internal.LogLimiter;
import dev.vigil.model.Text;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vigil's HTTP API as a servlet. It only translates: the request (path relative to the servlet's mapping, raw query,
 * headers, body stream) goes to {@link VigilHttp}, the response comes back. Mount it anywhere:
 *
 * <pre>{@code
 * context.addServlet(new ServletHolder(new VigilServlet(http)), "/monitoring/*");   // or "/*"
 * }</pre>
 *
 * <p>The body is read lazily by the routes that need it and never past the configured limit (a longer body gets a
 * 413 and the connection is closed). Register the servlet with asynchronous support
 * ({@code holder.setAsyncSupported(true)}, {@code <async-supported>true</async-supported>}) and a body announced with a
 * Content-Length is read without blocking before the request is handled, so slow or stalled clients hold
 * connections, not threads. The query string is parsed by Vigil, never by
 * {@code getParameter()}, so a form-encoded body (what {@code curl -d} sends without a Content-Type) is never
 * consumed as form parameters.
 *
 * <p>For containers that create servlets themselves (web.xml, annotations), use the no-argument constructor and
 * put a {@link VigilHttp} (or a {@link Vigil}) in the servlet context attribute {@link #CONTEXT_ATTRIBUTE} before
 * the servlet is initialised.
 */
public class VigilServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(VigilServlet.class);
    /** A failure that repeats (same exception class) is logged in full once, then summarised once a minute. */
    private static final LogLimiter ERRORS = new LogLimiter(Duration.ofMinutes(1), InstantSource.system());
    /** The servlet context attribute holding a {@link VigilHttp} or a {@link Vigil}, for the no-argument form. */
    public static final String CONTEXT_ATTRIBUTE = "dev.vigil.http";
    private static final byte[] INTERNAL_ERROR = "{\"error\":\"Internal server error\"}"
            .getBytes(StandardCharsets.UTF_8);
    static final String BODY_TIMEOUT = "The request body did not arrive in time; send it without long pauses";
    /** How long a body announced with Content-Length may take to arrive in full before the answer is 408. */
    static final long BODY_TIMEOUT_MILLIS = 30_000;

    private transient volatile @Nullable VigilHttp http;

    /** For containers that instantiate servlets: the API comes from {@link #CONTEXT_ATTRIBUTE} at init. */
    public VigilServlet() {
    }

    /** The API with default settings (no credentials: the admin API answers 401 until keys are configured). */
    public VigilServlet(Vigil vigil) {
        this(VigilHttp.builder(vigil).build());
    }

    public VigilServlet(VigilHttp http) {
        this.http = http;
    }

    @Override
    public void init() throws ServletException {
        if (http != null) {
            return;
        }
        Object attr = getServletContext().getAttribute(CONTEXT_ATTRIBUTE);
        if (attr instanceof VigilHttp h) {
            http = h;
        } else if (attr instanceof Vigil v) {
            http = VigilHttp.builder(v).build();
        } else {
            throw new ServletException("VigilServlet needs a VigilHttp or Vigil in the servlet context attribute "
                    + CONTEXT_ATTRIBUTE + " (or construct it with new VigilServlet(vigilHttp))");
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        VigilHttp api = http;
        if (api != null && readsAhead(req, api.maxBodyBytes())) {
            byte[] arrived = arrivedBody(req);
            if (arrived != null) { // the usual small POST: its body came with its head, nothing to wait for
                respond(api, req, resp, new ByteArrayInputStream(arrived));
                return;
            }
            new BodyReader(api, req, resp).start();
            return;
        }
        LazyInput input = new LazyInput(req);
        respond(api, req, resp, input);
        if (api != null) {
            input.discardUnread(api.maxBodyBytes());
        }
    }

    /** Handles one request whose body (if any) comes from {@code body}, and writes the answer. */
    private static void respond(@Nullable VigilHttp api, HttpServletRequest req, HttpServletResponse resp,
            InputStream body) throws IOException {
        HttpResponse response;
        try {
            if (api == null) {
                throw new IllegalStateException("VigilServlet is not initialised");
            }
            response = api.handle(translate(req, body));
        } catch (RuntimeException e) {
            LogLimiter.Decision d = ERRORS.check(e.getClass().getName());
            if (d.verdict() == LogLimiter.Verdict.FULL) {
                LOG.error("VigilServlet could not handle a {} request", Text.forLog(req.getMethod()), e);
            } else if (d.verdict() == LogLimiter.Verdict.SUMMARY) {
                LOG.error("VigilServlet could not handle a {} request again: {}: {} ({} more since the last report"
                        + " were not logged)", Text.forLog(req.getMethod()), e.getClass().getName(),
                        Text.forLog(String.valueOf(e.getMessage())), d.suppressed());
            }
            resp.setStatus(500);
            resp.setContentType("application/json");
            resp.setContentLength(INTERNAL_ERROR.length);
            resp.getOutputStream().write(INTERNAL_ERROR);
            return;
        }
        write(response, resp, "HEAD".equalsIgnoreCase(req.getMethod()));
    }

    /**
     * Whether the body is read without holding a thread before the request is handled: when the container allows
     * asynchronous processing and the body is announced with a Content-Length within the limit and without
     * {@code Expect: 100-continue} (such a body is read in full in any case). A slow or stalled client then holds
     * a connection, not a thread. Other requests (no body, chunked, over the limit, {@code Expect}) are handled at
     * once, their body read lazily.
     */
    static boolean readsAhead(HttpServletRequest req, int maxBytes) {
        long declared = req.getContentLengthLong();
        return declared > 0 && declared <= maxBytes && req.getHeader("Expect") == null && req.isAsyncSupported()
                && !req.isAsyncStarted() && req.getDispatcherType() == DispatcherType.REQUEST;
    }

    /**
     * The whole declared body when the container already holds it (it arrived with the request head), read without
     * waiting; null when some of it is still to come, so it must be read without holding a thread.
     */
    private static byte @Nullable [] arrivedBody(HttpServletRequest req) throws IOException {
        int declared = (int) req.getContentLengthLong();
        ServletInputStream in = req.getInputStream();
        if (in.available() < declared) {
            return null;
        }
        return in.readNBytes(declared); // all available: this does not block
    }

    /**
     * Reads a declared body with a {@link ReadListener}, then handles the request on the container thread that
     * delivered the last bytes. A body that stops arriving gets a 408 after {@link #BODY_TIMEOUT_MILLIS} (or when the
     * container's idle timeout closes the connection first).
     */
    private static final class BodyReader implements ReadListener, AsyncListener {
        private final VigilHttp api;
        private final HttpServletRequest req;
        private final HttpServletResponse resp;
        private final byte[] body;
        private final AtomicBoolean done = new AtomicBoolean();
        private @Nullable AsyncContext async;
        private @Nullable ServletInputStream in;
        private int filled;

        BodyReader(VigilHttp api, HttpServletRequest req, HttpServletResponse resp) {
            this.api = api;
            this.req = req;
            this.resp = resp;
            this.body = new byte[(int) req.getContentLengthLong()];
        }

        void start() throws IOException {
            AsyncContext a = req.startAsync();
            a.setTimeout(BODY_TIMEOUT_MILLIS);
            a.addListener(this);
            async = a;
            ServletInputStream stream = req.getInputStream();
            in = stream;
            stream.setReadListener(this);
        }

        @Override
        public void onDataAvailable() throws IOException {
            ServletInputStream stream = in;
            byte[] scratch = null;
            while (stream != null && stream.isReady() && !stream.isFinished()) {
                int n;
                if (filled < body.length) {
                    n = stream.read(body, filled, body.length - filled);
                } else { // only the end of the stream can follow: Content-Length frames the body
                    if (scratch == null) {
                        scratch = new byte[64];
                    }
                    n = stream.read(scratch);
                }
                if (n < 0) {
                    return;
                }
                filled = Math.min(body.length, filled + n);
            }
        }

        @Override
        public void onAllDataRead() throws IOException {
            if (done.compareAndSet(false, true)) {
                try {
                    respond(api, req, resp, new ByteArrayInputStream(body, 0, filled));
                } finally {
                    complete();
                }
            }
        }

        @Override
        public void onError(Throwable t) {
            // the client went away, or stopped sending until the connection timed out
            if (done.compareAndSet(false, true)) {
                LOG.debug("request body not received: {}", Text.forLog(String.valueOf(t)));
                fail(408);
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            if (done.compareAndSet(false, true)) {
                fail(408);
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable() == null ? new IOException("async error") : event.getThrowable());
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

        /** Refuses the request; the route family of its path renders the error (see {@link VigilHttp#reject}). */
        private void fail(int status) {
            try {
                if (!resp.isCommitted()) {
                    HttpResponse answer = api.reject(translate(req, InputStream.nullInputStream()), status,
                            BODY_TIMEOUT);
                    Map<String, String> headers = new java.util.LinkedHashMap<>(answer.headers());
                    headers.put("Connection", "close");
                    write(new HttpResponse(answer.status(), headers, answer.body()), resp, false);
                }
            } catch (IOException | RuntimeException e) {
                // the connection is gone: nothing to tell
            } finally {
                complete();
            }
        }

        private void complete() {
            AsyncContext a = async;
            if (a != null) {
                try {
                    a.complete();
                } catch (IllegalStateException e) {
                    // already completed by the container
                }
            }
        }
    }

    /** The neutral request: path relative to this servlet's mapping, raw query, headers, lazily read body. */
    static HttpRequest translate(HttpServletRequest req, InputStream body) {
        boolean defaultMapping = isDefaultMapping(req);
        String path = req.getPathInfo();
        if (path == null) {
            path = defaultMapping ? req.getServletPath() : "/";
        }
        HttpRequest.Builder b = HttpRequest.builder(req.getMethod(), path)
                .rawQuery(req.getQueryString())
                .remoteAddress(req.getRemoteAddr())
                .baseUrl(() -> baseUrl(req, defaultMapping))
                .body(body, req.getContentLengthLong());
        for (Enumeration<String> names = req.getHeaderNames(); names.hasMoreElements();) {
            String name = names.nextElement();
            for (Enumeration<String> values = req.getHeaders(name); values.hasMoreElements();) {
                b.header(name, values.nextElement());
            }
        }
        return b.build();
    }

    /**
     * Opens the request's input stream only when a route reads the body: Jetty answers {@code Expect: 100-continue}
     * when the stream is opened, and a request refused before that (unknown route, bad key, declared length over
     * the limit) must not invite the client to send its body.
     */
    static final class LazyInput extends InputStream {
        private final HttpServletRequest req;
        private @Nullable InputStream in;

        LazyInput(HttpServletRequest req) {
            this.req = req;
        }

        /**
         * A small body that no route read (e.g. a 404 for a PATCH) is read and dropped, so the connection stays
         * usable for the client's next request; a body the client has not sent yet ({@code Expect: 100-continue})
         * or that is declared over the limit is left alone, and the container closes the connection.
         */
        void discardUnread(int maxBytes) {
            long declared = req.getContentLengthLong();
            if (in != null || declared == 0 || declared > maxBytes || req.getHeader("Expect") != null) {
                return;
            }
            try {
                InputStream body = in();
                byte[] buf = new byte[8192];
                long left = (long) maxBytes + 1;
                int n;
                while (left > 0 && (n = body.read(buf, 0, (int) Math.min(buf.length, left))) >= 0) {
                    left -= n;
                }
            } catch (IOException | RuntimeException e) {
                // the client went away: nothing to keep alive
            }
        }

        private InputStream in() throws IOException {
            if (in == null) {
                in = req.getInputStream();
            }
            return in;
        }

        @Override
        public int read() throws IOException {
            return in().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in().read(b, off, len);
        }
    }

    private static boolean isDefaultMapping(HttpServletRequest req) {
        HttpServletMapping m = req.getHttpServletMapping();
        return m != null && (m.getMappingMatch() == MappingMatch.DEFAULT || m.getMappingMatch() == MappingMatch.EXACT
                || m.getMappingMatch() == MappingMatch.EXTENSION);
    }

    /** {@code scheme://host[:port]/context/servlet-path}: where this servlet is mounted. */
    static String baseUrl(HttpServletRequest req, boolean defaultMapping) {
        String scheme = req.getScheme();
        String host = req.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = req.getServerPort();
        boolean defaultPort = port <= 0 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme)
                && port == 443);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + req.getContextPath()
                + (defaultMapping ? "" : req.getServletPath());
    }

    private static void write(HttpResponse response, HttpServletResponse resp, boolean head) throws IOException {
        resp.setStatus(response.status());
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            String name = h.getKey();
            if (name.equalsIgnoreCase("Content-Type")) {
                resp.setContentType(h.getValue());
            } else if (name.equalsIgnoreCase("Content-Length")) {
                resp.setContentLengthLong(Long.parseLong(h.getValue()));
            } else {
                resp.setHeader(name, h.getValue());
            }
        }
        byte[] body = response.body();
        if (!head) {
            resp.setContentLength(body.length);
            if (body.length > 0) {
                try (OutputStream out = resp.getOutputStream()) {
                    out.write(body);
                }
            }
        }
    }
}
