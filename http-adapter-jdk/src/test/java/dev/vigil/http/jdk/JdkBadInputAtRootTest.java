package dev.vigil.http.jdk;

import dev.vigil.http.VigilHttp;
import dev.vigil.spi.VigilStore;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.testkit.http.BadInputTests;
import java.util.function.Supplier;

/** The testkit's {@link BadInputTests} on {@link VigilHttpHandler} in the JDK's HttpServer, at the root. */
class JdkBadInputAtRootTest extends BadInputTests {
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
        return JdkTestServer.start(prefix, api);
    }

    @Override
    protected boolean serverSends100ContinueItself() {
        return true;
    }
}
