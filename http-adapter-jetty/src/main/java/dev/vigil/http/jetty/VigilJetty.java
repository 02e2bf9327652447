package dev.vigil.http.jetty;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Recommended Jetty 12 settings for serving Vigil: JSON errors everywhere and a connector that slow clients cannot
 * stall.
 *
 * <pre>{@code
 * Server server = new Server(VigilJetty.threadPool(64));
 * server.addConnector(VigilJetty.hardenedConnector(server, "0.0.0.0", 8080));
 * ServletContextHandler context = new ServletContextHandler();
 * ServletHolder holder = new ServletHolder(new VigilServlet(http));
 * holder.setAsyncSupported(true);          // bodies are read without holding a thread
 * context.addServlet(holder, "/monitoring/*");
 * server.setHandler(context);
 * VigilJetty.useJsonErrors(server);        // after setHandler: covers the server and its servlet contexts
 * server.start();
 * }</pre>
 */
public final class VigilJetty {
    /** Request line plus headers, at most (Jetty's default); a larger head is refused with 431. */
    public static final int REQUEST_HEADER_BYTES = 8 * 1024;
    /** A connection with nothing sent or received for this long is closed (a stalled body then gets its 408). */
    public static final long IDLE_TIMEOUT_MILLIS = 20_000;
    /** A request body must arrive at least this fast, in bytes per second, or the request fails with 408. */
    public static final long MIN_REQUEST_DATA_RATE = 256;

    private static final String EE10_CONTEXT = "org.eclipse.jetty.ee10.servlet.ServletContextHandler";

    private VigilJetty() {
    }

    /**
     * Installs {@link VigilJettyErrorHandler} as the server's error handler and {@link VigilServletErrorHandler} on
     * every ee10 {@code ServletContextHandler} in its handler tree (keeping error pages registered there), so every
     * error Jetty produces is {@code {"error": "..."}} JSON. Call it after {@code server.setHandler(...)}.
     *
     * @return the server
     */
    public static Server useJsonErrors(Server server) {
        server.setErrorHandler(new VigilJettyErrorHandler());
        if (isPresent(EE10_CONTEXT)) {
            ServletContexts.useJsonErrors(server);
        }
        return server;
    }

    /**
     * The thread budget: at most {@code maxThreads} threads (and at least 4 kept), named {@code vigil-http-N}. With
     * {@link #hardenedConnector} and an asynchronous {@code VigilServlet}, threads are held only while a request is
     * being handled, never while a client is slow to send it.
     */
    public static QueuedThreadPool threadPool(int maxThreads) {
        if (maxThreads < 8) {
            throw new IllegalArgumentException("maxThreads must be at least 8 (Jetty needs some for its selectors)");
        }
        QueuedThreadPool pool = new QueuedThreadPool(maxThreads, Math.min(4, maxThreads));
        pool.setName("vigil-http");
        return pool;
    }

    /**
     * The HTTP configuration: request heads up to {@link #REQUEST_HEADER_BYTES} (431 beyond), a minimum request data
     * rate of {@link #MIN_REQUEST_DATA_RATE} bytes per second, no {@code Server} header, and Jetty's default URI
     * compliance, under which ambiguous paths ({@code %2f}, {@code %00}, encoded dot segments) are refused with 400.
     */
    public static HttpConfiguration hardenedHttpConfiguration() {
        HttpConfiguration config = new HttpConfiguration();
        config.setRequestHeaderSize(REQUEST_HEADER_BYTES);
        config.setMinRequestDataRate(MIN_REQUEST_DATA_RATE);
        config.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        config.setUriCompliance(UriCompliance.DEFAULT);
        return config;
    }

    /** An HTTP/1.1 connector with {@link #hardenedHttpConfiguration()} and {@link #IDLE_TIMEOUT_MILLIS}. */
    public static ServerConnector hardenedConnector(Server server, String host, int port) {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(hardenedHttpConfiguration()));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        return connector;
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, VigilJetty.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
