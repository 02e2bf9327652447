package dev.vigil.http.jdk;

import dev.vigil.http.VigilHttp;
import dev.vigil.spi.VigilStore;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.testkit.http.SeedEventTests;
import java.util.function.Supplier;

/** The testkit's {@link SeedEventTests} on {@link VigilHttpHandler} in the JDK's HttpServer, under /monitoring, the API at /e/{environment-id}/api/v2. */
class JdkSeedEventsUnderEnvironmentTest extends SeedEventTests {
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
        return JdkTestServer.start(prefix, api);
    }

    @Override
    protected boolean serverSends100ContinueItself() {
        return true;
    }

    @Override
    protected String api() {
        return "/e/" + ENVIRONMENT;
    }
}
