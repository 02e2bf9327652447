package dev.vigil.http.servlet;

import dev.vigil.http.VigilHttp;
import dev.vigil.spi.VigilStore;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.testkit.http.HttpApiTestBase;
import java.util.function.Supplier;

/**
 * The servlet module's own HTTP tests: the testkit's {@link HttpApiTestBase} on real embedded Jetty
 * ({@link ServletTestServer}) with a memory store. The shared suites run through the {@code ...AtRootTest} and
 * {@code ...UnderPrefixTest} classes.
 */
abstract class ServletTestBase extends HttpApiTestBase {
    private ServletTestServer server;

    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }

    @Override
    protected TestServer startServer(String prefix, Supplier<VigilHttp> api) throws Exception {
        server = ServletTestServer.start(prefix, api);
        return server;
    }

    /** The servlet Jetty calls, for tests that put another VigilServlet in front. */
    ServletTestServer.SwappableServlet servlet() {
        return server.servlet;
    }
}
