package dev.vigil.http.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.http.VigilHttp;
import dev.vigil.spi.VigilStore;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.testkit.http.SeedEventTests;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Seed 001's Managed URL: the servlet under {@code /monitoring}, the API at {@code /e/{environment-id}/api/v2}. */
class SeedEventsUnderEnvironmentTest extends SeedEventTests {
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

    @Override
    protected String api() {
        return "/e/" + ENVIRONMENT;
    }

    @Test
    void anotherEnvironmentIdIsNotFound() {
        HttpResponse<String> r = send(request("/e/otherEnv/api/v2/events").header("Authorization",
                "Api-Token " + TOKEN).GET());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("error").get("code").asInt()).isEqualTo(404);
        assertThat(json(r).get("error").get("message").asText()).isEqualTo("Environment not found");
        HttpResponse<String> unknown = send(request("/e/otherEnv/api/v2/nothing").GET());
        assertThat(json(unknown).get("error").get("code").asInt()).isEqualTo(404);
    }
}
