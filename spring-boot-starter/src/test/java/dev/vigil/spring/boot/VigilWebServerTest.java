package dev.vigil.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.spi.VigilStore;
import dev.vigil.store.jdbc.JdbcStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole Spring Boot application on a real embedded Jetty at 127.0.0.1 (random port), with every auto-configuration
 * on the test classpath (an embedded H2 DataSource, Actuator's metrics and health, Jackson 3 beside Vigil's Jackson
 * 2): monitors are created and pushed over HTTP through VigilServlet at /monitoring/*, and a failing push is a
 * transition.
 */
class VigilWebServerTest {
    private static final String KEY = "boot-admin-key-0123456789abcdef";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ConfigurableApplicationContext app;
    private static String base;

    @SpringBootApplication
    static class App {
    }

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(App.class).web(WebApplicationType.SERVLET)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                        "spring.datasource.url=jdbc:h2:mem:webtest;DB_CLOSE_DELAY=-1",
                        "vigil.http.api-keys[0].key=" + KEY)
                .run();
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/monitoring";
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return CLIENT.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPushOverHttpIsATransition() throws Exception {
        assertThat(app.getBean(VigilStore.class)).isInstanceOf(JdbcStore.class); // auto: the app's H2 DataSource

        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/monitors"))
                .header("X-API-Key", KEY).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"Nightly job\", \"config\": {\"expected_interval\": 86400}, \"alert_on\": [\"down\", \"up\"]}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode monitor = JSON.readTree(created.body());
        String pushUrl = monitor.get("push_url").asText();
        long id = monitor.get("id").asLong();
        assertThat(pushUrl).startsWith(base + "/api/push/");

        assertThat(send(HttpRequest.newBuilder(URI.create(pushUrl)).POST(HttpRequest.BodyPublishers.noBody()))
                .statusCode()).isEqualTo(200);
        HttpResponse<String> failed = send(HttpRequest.newBuilder(URI.create(pushUrl))
                .POST(HttpRequest.BodyPublishers.ofString("{\"status\": \"error\", \"message\": \"Task failed\"}")));
        assertThat(failed.statusCode()).isEqualTo(200);

        HttpResponse<String> history = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/monitors/" + id
                + "/history?limit=5")).header("X-API-Key", KEY));
        assertThat(history.statusCode()).isEqualTo(200);
        JsonNode latest = JSON.readTree(history.body()).get("transitions").get(0);
        assertThat(latest.get("to").asText()).isEqualTo("DOWN");

        // wrong credentials are Vigil's JSON 401; the meters and the health indicator see the same Vigil
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/monitors")).header("X-API-Key", "nope"))
                .statusCode()).isEqualTo(401);
        MeterRegistry registry = app.getBean(MeterRegistry.class);
        assertThat(registry.get("vigil.pushes").tag("result", "accepted").counter().count()).isEqualTo(2);
        assertThat(registry.get("vigil.transitions").tag("kind", "push_monitor").tag("severity", "critical").counter()
                .count()).isEqualTo(1);
        assertThat(app.getBean(VigilHealthIndicator.class).health().getStatus().getCode()).isEqualTo("UP");
    }
}
