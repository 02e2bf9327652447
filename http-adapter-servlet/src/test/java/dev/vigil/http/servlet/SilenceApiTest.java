package dev.vigil.http.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Silences and the notification decisions in history, over real HTTP. */
class SilenceApiTest extends ServletTestBase {
    @Override
    protected String prefix() {
        return "/monitoring";
    }

    @Test
    void aSilenceCreatedOverHttpQuietsMatchingMonitorsAndHistorySaysSo() {
        JsonNode m = createDailyBackup();
        assertThat(get(pushPath(m)).statusCode()).isEqualTo(200);
        HttpResponse<String> created = adminPost("/api/v1/silences", """
                {"matchers": ["group=Maintenance Tasks", {"name": "name", "value": "Daily.*", "isRegex": true}],
                 "duration": "2d", "created_by": "alice", "comment": "planned migration"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode s = json(created);
        String id = s.get("id").asText();
        assertThat(created.headers().firstValue("Location")).contains(base + "/api/v1/silences/" + id);
        assertThat(s.get("status").asText()).isEqualTo("active");
        assertThat(s.get("matchers")).extracting(JsonNode::asText)
                .containsExactly("group=Maintenance Tasks", "name=~Daily.*");
        assertThat(s.get("ends_at").asText()).isEqualTo("2025-01-17T12:00:00Z");

        clock.advance(Duration.ofHours(26));
        vigil.tick();
        assertThat(sent.transitions()).isEmpty();
        JsonNode history = json(adminGet("/api/v1/monitors/" + m.get("id").asLong() + "/history"));
        JsonNode down = history.get("transitions").get(0);
        assertThat(down.get("to").asText()).isEqualTo("DOWN");
        assertThat(down.get("notified").asBoolean()).isFalse();
        assertThat(down.get("decision").asText()).isEqualTo("silenced");
        assertThat(down.get("decision_detail").asText()).isEqualTo("silenced by " + id);

        assertThat(json(adminGet("/api/v1/silences?active=true")).get("silences")).hasSize(1);
        assertThat(adminSend("DELETE", "/api/v1/silences/" + id, BodyPublishers.noBody()).statusCode()).isEqualTo(204);
        assertThat(json(adminGet("/api/v1/silences")).get("silences")).hasSize(1);
        assertThat(json(adminGet("/api/v1/silences?active=true")).get("silences")).isEmpty();
        assertThat(json(adminGet("/api/v1/silences/" + id)).get("status").asText()).isEqualTo("expired");
        assertThat(error(adminSend("DELETE", "/api/v1/silences/" + id, BodyPublishers.noBody()), 409))
                .contains("already ended");
    }

    @Test
    void expiringEndsASilenceNow() {
        JsonNode s = json(adminPost("/api/v1/silences",
                "{\"matchers\": [\"kind=push_monitor\"], \"ends_at\": \"2025-01-16T00:00:00Z\"}"));
        String id = s.get("id").asText();
        assertThat(adminSend("DELETE", "/api/v1/silences/" + id, BodyPublishers.noBody()).statusCode()).isEqualTo(204);
        assertThat(json(adminGet("/api/v1/silences/" + id)).get("ends_at").asText()).isEqualTo("2025-01-15T12:00:00Z");
    }

    @Test
    void badSilencesAreClear400s() {
        assertThat(error(adminPost("/api/v1/silences", "{\"duration\": \"1h\"}"), 400)).contains("matchers");
        assertThat(error(adminPost("/api/v1/silences", "{\"matchers\": [], \"duration\": \"1h\"}"), 400))
                .contains("matchers");
        assertThat(error(adminPost("/api/v1/silences", "{\"matchers\": [\"nope\"], \"duration\": \"1h\"}"), 400))
                .contains("matchers[0]");
        assertThat(error(adminPost("/api/v1/silences", "{\"matchers\": [\"a=~(\"], \"duration\": \"1h\"}"), 400))
                .contains("invalid");
        assertThat(error(adminPost("/api/v1/silences", "{\"matchers\": [42], \"duration\": \"1h\"}"), 400))
                .contains("matchers[0]");
        assertThat(error(adminPost("/api/v1/silences", "{\"matchers\": [\"a=b\"]}"), 400))
                .contains("ends_at or duration");
        assertThat(error(adminPost("/api/v1/silences",
                "{\"matchers\": [\"a=b\"], \"ends_at\": \"tomorrow\"}"), 400)).contains("ISO-8601");
        assertThat(error(adminPost("/api/v1/silences",
                "{\"matchers\": [\"a=b\"], \"ends_at\": \"2020-01-01T00:00:00Z\"}"), 400)).contains("after starts_at");
        assertThat(error(adminPost("/api/v1/silences", "{\"matchers\": [\"a=b\"], \"duration\": \"1h\", \"x\": 1}"),
                400)).contains("x");
        assertThat(error(adminPost("/api/v1/silences", "[1,2]"), 400)).isNotBlank();
        assertThat(error(adminPost("/api/v1/silences", "{"), 400)).isNotBlank();
        assertThat(error(adminGet("/api/v1/silences/nope"), 404)).isEqualTo("Silence not found");
        assertThat(error(adminGet("/api/v1/silences?active=maybe"), 400)).contains("active");
        assertThat(error(send(request("/api/v1/silences").GET()), 401)).isNotBlank();
        assertThat(json(adminGet("/api/v1/silences")).get("silences")).isEmpty();
    }

    @Test
    void repeatEveryIsPartOfTheMonitor() {
        HttpResponse<String> r = adminPost("/api/v1/monitors",
                "{\"name\": \"nag\", \"repeat_every\": \"30m\", \"config\": {\"expected_interval\": 60}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).get("repeat_every").asLong()).isEqualTo(1800);
        long id = json(r).get("id").asLong();
        JsonNode patched = json(adminSend("PATCH", "/api/v1/monitors/" + id,
                BodyPublishers.ofString("{\"repeat_every\": null}")));
        assertThat(patched.get("repeat_every").isNull()).isTrue();
        assertThat(error(adminSend("PATCH", "/api/v1/monitors/" + id,
                BodyPublishers.ofString("{\"repeat_every\": 5}")), 400)).contains("repeat_every");
    }
}
