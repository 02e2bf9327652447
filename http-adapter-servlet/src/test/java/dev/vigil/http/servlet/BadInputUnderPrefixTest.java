package dev.vigil.http.servlet;

import dev.vigil.http.VigilHttp;
import dev.vigil.spi.VigilStore;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.testkit.http.BadInputTests;
import java.util.function.Supplier;

/** The testkit's {@link BadInputTests} on {@link VigilServlet} in Jetty, mapped at /monitoring/*. */
class BadInputUnderPrefixTest extends BadInputTests {
    @Override
    protected String prefix() {
        return "/monitoring";
    }

    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }

    @Override
    protected TestServer startServer(String prefix, Supplier<VigilHttp> api) throws Exception {
        return ServletTestServer.start(prefix, api);
    }
}
