package dev.vigil.http.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Seed 001's Managed URL: the servlet under {@code /monitoring}, the API at {@code /e/{environment-id}/api/v2}. */
class SeedEventsUnderEnvironmentTest extends SeedEventTests {
    @Override
    protected String mapping() {
        return "/monitoring/*";
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
