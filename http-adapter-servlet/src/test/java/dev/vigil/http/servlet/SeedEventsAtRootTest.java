package dev.vigil.http.servlet;

import dev.vigil.http.VigilHttp;
import dev.vigil.spi.VigilStore;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.testkit.http.SeedEventTests;
import java.util.function.Supplier;

/** Seed 001 with the servlet at the root and the API at {@code /api/v2}. */
class SeedEventsAtRootTest extends SeedEventTests {
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

    @Override
    protected String api() {
        return "";
    }
}
