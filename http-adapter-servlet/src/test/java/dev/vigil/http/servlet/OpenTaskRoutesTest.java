package dev.vigil.http.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.http.VigilHttp;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code openTaskRoutes(true)}: the tasks routes answer without a key, as upstream; data in keeps its key. */
class OpenTaskRoutesTest extends ServletTestBase {
    @Override
    protected String prefix() {
        return "/alerts";
    }

    @Override
    protected VigilHttp.Builder configure(VigilHttp.Builder http) {
        return super.configure(http).openTaskRoutes(true);
    }

    @Test
    void tasksNeedNoKeyButDataInDoes() {
        HttpResponse<String> created = send(request("/task/crashed").POST(BodyPublishers.ofString(
                "{\"app\": \"billing-prod\", \"post\": \"https://hooks.example.com/x\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(get("/tasks/crashed").body()).contains("billing-prod");
        assertThat(send(request("/task/crashed/billing-prod").DELETE()).statusCode()).isEqualTo(200);
        assertThat(error(send(request("/api/v1/apps/billing-prod/crashes").POST(BodyPublishers.ofString("{}"))), 401))
                .isNotEmpty();
        assertThat(error(get("/api/v1/monitors"), 401)).isNotEmpty();
    }
}
