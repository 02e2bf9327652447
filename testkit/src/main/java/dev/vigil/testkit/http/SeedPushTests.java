package dev.vigil.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.monitor.MonitorStatus;
import dev.vigil.model.Transition;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Every curl of seed 002, over real HTTP, and the seed's timeline end to end. */
public abstract class SeedPushTests extends HttpApiTestBase {

    private String status(long id) {
        return json(adminGet("/api/v1/monitors/" + id)).get("status").asText();
    }

    @Test
    void bashScriptPostsJsonWithContentType() {
        JsonNode m = createDailyBackup();
        long id = m.get("id").asLong();
        // curl -X POST "$PUSH_URL" -H "Content-Type: application/json" -d '{"status": "success", ...}'
        HttpResponse<String> r = postJson(pushPath(m), "{\"status\": \"success\", \"message\": \"Backup completed\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(r.body()).isEqualTo("{\"success\":true,\"monitor_id\":" + id
                + ",\"received_at\":\"2025-01-15T12:00:00Z\",\"next_expected_by\":\"2025-01-16T13:00:00Z\"}");
        assertThat(status(id)).isEqualTo("UP");
    }

    @Test
    void pythonAndPowerShellSendJsonBodies() {
        JsonNode m = createDailyBackup();
        // requests.post(PUSH_URL, json={...}) and Invoke-RestMethod -ContentType "application/json"
        HttpResponse<String> python = postJson(pushPath(m), "{\"status\": \"success\", \"message\": \"Data processing completed\"}");
        assertThat(python.statusCode()).isEqualTo(200);
        assertThat(json(python).get("success").asBoolean()).isTrue();
        HttpResponse<String> ps = postJson(pushPath(m), "{\r\n    \"status\":  \"success\",\r\n    \"message\":  \"Windows backup completed\"\r\n}");
        assertThat(ps.statusCode()).isEqualTo(200);
        assertThat(json(adminGet("/api/v1/monitors/" + m.get("id").asLong())).get("push_count").asInt()).isEqualTo(2);
    }

    @Test
    void cronLinePostsWithoutBody() {
        JsonNode m = createDailyBackup();
        // 0 2 * * * curl -X POST http://localhost:5000/api/push/5/SECRET_KEY_HERE
        HttpResponse<String> r = send(request(pushPath(m)).POST(BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("monitor_id").asLong()).isEqualTo(m.get("id").asLong());
        assertThat(body.has("warnings")).isFalse();
    }

    @Test
    void dockerHealthcheckUsesGet() {
        JsonNode m = createDailyBackup();
        // HEALTHCHECK CMD curl -f http://uptime-monitor:5000/api/push/5/SECRET_KEY || exit 1
        HttpResponse<String> r = get(pushPath(m));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("next_expected_by").asText()).isEqualTo("2025-01-16T13:00:00Z");
    }

    @Test
    void testingWithAnUnknownStatusWarns() {
        JsonNode m = createDailyBackup();
        // curl -v -X POST ... -H "Content-Type: application/json" -d '{"status": "test", "message": "Testing push"}'
        HttpResponse<String> r = postJson(pushPath(m), "{\"status\": \"test\", \"message\": \"Testing push\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("warnings")).hasSize(1);
        assertThat(body.get("warnings").get(0).asText()).contains("unknown status 'test'");
        assertThat(status(m.get("id").asLong())).isEqualTo("UP");
    }

    @Test
    void errorStatusWithoutContentTypeMakesTheMonitorDown() {
        JsonNode m = createDailyBackup();
        long id = m.get("id").asLong();
        postJson(pushPath(m), "{\"status\": \"success\"}");
        // curl -X POST "$PUSH_URL" -d '{"status":"error","message":"Task failed"}'  (curl's default form type)
        HttpResponse<String> r = send(request(pushPath(m))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("{\"status\":\"error\",\"message\":\"Task failed\"}")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).has("warnings")).isFalse();
        JsonNode monitor = json(adminGet("/api/v1/monitors/" + id));
        assertThat(monitor.get("status").asText()).isEqualTo("DOWN");
        assertThat(monitor.get("last_push_status").asText()).isEqualTo("error");
        assertThat(monitor.get("last_push_message").asText()).isEqualTo("Task failed");
        vigil.tick();
        assertThat(email.transitions()).extracting(Transition::to).containsExactly("DOWN");

        // curl -X POST "$PUSH_URL" -d '{"status":"success"}'  (and no Content-Type at all)
        HttpResponse<String> ok = send(request(pushPath(m)).POST(BodyPublishers.ofString("{\"status\":\"success\"}")));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(status(id)).isEqualTo("UP");
    }

    @Test
    void troubleshootingStatusCodes() {
        JsonNode m = createDailyBackup();
        long id = m.get("id").asLong();
        String secret = m.get("secret_key").asText();
        // curl -v http://localhost:5000/api/push/5/SECRET_KEY : 404 wrong id, 403 wrong secret, 200 success
        HttpResponse<String> wrongId = get("/api/push/" + (id + 1000) + "/" + secret);
        assertThat(wrongId.statusCode()).isEqualTo(404);
        assertThat(wrongId.body()).isEqualTo("{\"error\":\"Push monitor not found\"}");
        HttpResponse<String> wrongSecret = get("/api/push/" + id + "/a7f3k9m2p8q1w4e6r9t2y5u8i0o3p6");
        assertThat(wrongSecret.statusCode()).isEqualTo(403);
        assertThat(wrongSecret.body()).isEqualTo("{\"error\":\"Invalid secret key\"}");
        assertThat(get("/api/push/" + id + "/" + secret).statusCode()).isEqualTo(200);
    }

    @Test
    void detailsAndMetadataAreAccepted() {
        JsonNode m = createDailyBackup();
        HttpResponse<String> details = postJson(pushPath(m), """
                {
                  "status": "success",
                  "message": "Backup completed",
                  "details": {
                    "files_backed_up": 1234,
                    "duration_seconds": 45
                  }
                }""");
        assertThat(details.statusCode()).isEqualTo(200);
        assertThat(json(details).has("warnings")).isFalse();
        HttpResponse<String> metadata = postJson(pushPath(m), """
                {
                  "status": "success",
                  "duration_seconds": 1234,
                  "items_processed": 5000,
                  "warnings": []
                }""");
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(json(metadata).has("warnings")).isFalse();
    }

    @Test
    void aRequiredPayloadMustBeSent() {
        HttpResponse<String> created = adminPost("/api/v1/monitors",
                "{\"name\": \"Strict\", \"config\": {\"expected_interval\": 3600, \"require_payload\": true}}");
        JsonNode m = json(created);
        String message = error(send(request(pushPath(m)).POST(BodyPublishers.noBody())), 400);
        assertThat(message).contains("requires a payload");
        assertThat(error(get(pushPath(m)), 400)).contains("requires a payload");
        assertThat(postJson(pushPath(m), "{\"status\":\"success\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void theSeedTimelineOverHttp() {
        JsonNode m = createDailyBackup();
        long id = m.get("id").asLong();
        String push = pushPath(m);
        assertThat(status(id)).isEqualTo("NO_PUSH_YET");

        // 1. 12:00 PM: first push received -> UP
        JsonNode first = json(postJson(push, "{\"status\": \"success\", \"message\": \"Backup completed\"}"));
        assertThat(first.get("received_at").asText()).isEqualTo("2025-01-15T12:00:00Z");
        // 2./3. next expected tomorrow 12:00 PM, grace until 1:00 PM
        assertThat(first.get("next_expected_by").asText()).isEqualTo("2025-01-16T13:00:00Z");
        JsonNode up = json(adminGet("/api/v1/monitors/" + id));
        assertThat(up.get("status").asText()).isEqualTo("UP");
        assertThat(up.get("last_push_at").asText()).isEqualTo("2025-01-15T12:00:00Z");
        assertThat(up.get("push_count").asLong()).isEqualTo(1);

        clock.set("2025-01-16T13:00:00Z"); // the deadline itself: still UP
        vigil.tick();
        assertThat(status(id)).isEqualTo("UP");

        // 4. 1:01 PM next day: no push -> DOWN -> alert
        clock.set("2025-01-16T13:01:00Z");
        vigil.tick();
        JsonNode down = json(adminGet("/api/v1/monitors/" + id));
        assertThat(down.get("status").asText()).isEqualTo("DOWN");
        assertThat(down.get("status_since").asText()).isEqualTo("2025-01-16T13:01:00Z");
        assertThat(email.transitions()).extracting(Transition::to).containsExactly("DOWN");

        // 5. 2:00 PM: push received -> UP -> recovery alert
        clock.set("2025-01-16T14:00:00Z");
        HttpResponse<String> recovered = send(request(push).POST(BodyPublishers.noBody()));
        assertThat(recovered.body()).isEqualTo("{\"success\":true,\"monitor_id\":" + id
                + ",\"received_at\":\"2025-01-16T14:00:00Z\",\"next_expected_by\":\"2025-01-17T15:00:00Z\"}");
        vigil.tick();
        assertThat(status(id)).isEqualTo("UP");
        assertThat(email.transitions()).extracting(Transition::to)
                .containsExactly("DOWN", "UP");

        JsonNode history = json(adminGet("/api/v1/monitors/" + id + "/history"));
        assertThat(history.get("monitor_id").asLong()).isEqualTo(id);
        JsonNode t = history.get("transitions");
        assertThat(t).hasSize(3);
        assertThat(t.get(0).get("from").asText()).isEqualTo("DOWN");
        assertThat(t.get(0).get("to").asText()).isEqualTo("UP");
        assertThat(t.get(0).get("at").asText()).isEqualTo("2025-01-16T14:00:00Z");
        assertThat(t.get(0).get("notified").asBoolean()).isTrue();
        assertThat(t.get(1).get("to").asText()).isEqualTo("DOWN");
        assertThat(t.get(1).get("at").asText()).isEqualTo("2025-01-16T13:01:00Z");
        assertThat(t.get(1).get("reason").asText()).contains("expected by 2025-01-16T13:00:00Z");
        assertThat(t.get(2).get("from").asText()).isEqualTo("NO_PUSH_YET");
        assertThat(t.get(2).get("notified").asBoolean()).isFalse();

        JsonNode delivered = json(adminGet("/api/v1/notifications?status=delivered"));
        assertThat(delivered.get("notifications")).hasSize(4); // default + admin_email, DOWN and UP
        assertThat(delivered.get("notifications").get(0).get("transition").get("to").asText()).isEqualTo("UP");
    }
}
