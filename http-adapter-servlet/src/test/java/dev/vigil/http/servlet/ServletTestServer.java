package dev.vigil.http.servlet;

import dev.vigil.http.VigilHttp;
import dev.vigil.testkit.http.HttpApiTestBase;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;

/**
 * Real embedded Jetty 12 (ee10) on 127.0.0.1 with a {@link VigilServlet} mapped at {@code prefix + "/*"}: the servlet
 * adapter under the testkit's HTTP suites. Under a prefix the servlet has asynchronous support (bodies are read ahead
 * without blocking), at the root it has not (bodies are read lazily, blocking): both ways are covered.
 */
final class ServletTestServer implements HttpApiTestBase.TestServer {
    private final Server server;
    private final String baseUrl;
    final SwappableServlet servlet;

    /** Forwards to a VigilServlet of the current test's API (or to {@link #override}), so Jetty starts once. */
    static final class SwappableServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient Supplier<VigilHttp> api;
        private transient volatile @Nullable VigilHttp servedApi;
        private transient volatile @Nullable VigilServlet served;
        /** When set, every request goes to this servlet instead. */
        transient volatile @Nullable VigilServlet override;

        SwappableServlet(Supplier<VigilHttp> api) {
            this.api = api;
        }

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            VigilServlet o = override;
            if (o != null) {
                o.service(req, resp);
                return;
            }
            VigilHttp http = api.get();
            VigilServlet s = served;
            if (s == null || servedApi != http) {
                s = new VigilServlet(http);
                served = s;
                servedApi = http;
            }
            s.service(req, resp);
        }
    }

    private ServletTestServer(Server server, String baseUrl, SwappableServlet servlet) {
        this.server = server;
        this.baseUrl = baseUrl;
        this.servlet = servlet;
    }

    static ServletTestServer start(String prefix, Supplier<VigilHttp> api) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("jetty-test");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        SwappableServlet servlet = new SwappableServlet(api);
        ServletHolder holder = new ServletHolder(servlet);
        // both ways of reading bodies: asynchronously ahead of handling (under a prefix), lazily and blocking (at root)
        holder.setAsyncSupported(!prefix.isEmpty());
        context.addServlet(holder, prefix + "/*");
        server.setHandler(context);
        server.start();
        return new ServletTestServer(server, "http://127.0.0.1:" + connector.getLocalPort() + prefix, servlet);
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
