package dev.vigil.http.jdk;

import dev.vigil.http.VigilHttp;
import dev.vigil.spi.VigilStore;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.testkit.http.IdempotencyKeyTests;
import java.util.function.Supplier;

/** The testkit's {@link IdempotencyKeyTests} on this adapter, mounted under a prefix. */
class JdkIdempotencyKeyTest extends IdempotencyKeyTests {
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
}
