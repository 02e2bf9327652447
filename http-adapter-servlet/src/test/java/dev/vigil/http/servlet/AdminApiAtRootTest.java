package dev.vigil.http.servlet;

import dev.vigil.http.VigilHttp;
import dev.vigil.spi.VigilStore;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.testkit.http.AdminApiTests;
import java.util.function.Supplier;

/** The testkit's {@link AdminApiTests} on {@link VigilServlet} in Jetty, mapped at /*. */
class AdminApiAtRootTest extends AdminApiTests {
    @Override
    protected String prefix() {
        return "";
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
