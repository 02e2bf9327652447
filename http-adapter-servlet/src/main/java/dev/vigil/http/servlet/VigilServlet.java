package dev.vigil.http.servlet;

import dev.vigil.Vigil;
import dev.vigil.http.HttpRequest;
import dev.vigil.http.HttpResponse;
import dev.vigil.http.VigilHttp;
import dev.vigil.internal.LogLimiter;
import dev.vigil.internal.Text;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Enumeration;
import java.util.Map;
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
 * 413 and the connection is closed). The query string is parsed by Vigil, never by
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
        HttpResponse response;
        try {
            if (api == null) {
                throw new IllegalStateException("VigilServlet is not initialised");
            }
            LazyInput input = new LazyInput(req);
            response = api.handle(translate(req, input));
            input.discardUnread(api.maxBodyBytes());
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
                .baseUrl(baseUrl(req, defaultMapping))
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
