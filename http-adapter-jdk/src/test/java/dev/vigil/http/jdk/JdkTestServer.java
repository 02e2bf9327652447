package dev.vigil.http.jdk;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.http.VigilHttp;
import dev.vigil.testkit.http.HttpApiTestBase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The JDK's HttpServer on 127.0.0.1 with {@link VigilHttpHandler} mounted at the prefix, as an application would run
 * it (a pool of handler threads): the adapter under the testkit's HTTP suites. Each request is handled by a handler
 * for the current test's API, so the server starts once per class.
 */
final class JdkTestServer implements HttpApiTestBase.TestServer {
    private final HttpServer server;
    private final ExecutorService threads;
    private final String baseUrl;

    private JdkTestServer(HttpServer server, ExecutorService threads, String baseUrl) {
        this.server = server;
        this.threads = threads;
        this.baseUrl = baseUrl;
    }

    static JdkTestServer start(String prefix, Supplier<VigilHttp> api) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        server.setExecutor(threads);
        // what VigilHttpHandler.mount does, with a handler for the current test's API
        server.createContext(prefix.isEmpty() ? "/" : prefix, exchange -> new VigilHttpHandler(api.get())
                .handle(exchange));
        server.start();
        return new JdkTestServer(server, threads, "http://127.0.0.1:" + server.getAddress().getPort() + prefix);
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
