package dev.vigil.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.Vigil;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The admin API (X-API-Key, snake_case) over real HTTP. */
public abstract class AdminApiTests extends HttpApiTestBase {

    @Override
    protected Vigil.Builder configureVigil(Vigil.Builder b) {
        return b.deliveryRetries(1, Duration.ofSeconds(1), Duration.ofSeconds(1)); // one failure = FAILED
    }

    @Test
    void createReturnsTheMonitorWithItsSecretOnce() {
        HttpResponse<String> r = adminPost("/api/v1/monitors", """
                {"name": "Daily Backup Job", "type": "push", "enabled": true, "group": "Maintenance Tasks",
                 "config": {"expected_interval": 86400, "grace_period": "1h", "require_payload": false},
                 "notifications": ["admin_email"], "alert_on": ["down", "up"]}""");
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode m = json(r);
        long id = m.get("id").asLong();
        assertThat(r.headers().firstValue("Location")).contains(base + "/api/v1/monitors/" + id);
        assertThat(m.get("name").asText()).isEqualTo("Daily Backup Job");
        assertThat(m.get("type").asText()).isEqualTo("push");
        assertThat(m.get("status").asText()).isEqualTo("NO_PUSH_YET");
        assertThat(m.get("secret_key").asText()).hasSize(43);
        assertThat(m.get("push_url").asText()).isEqualTo(base + "/api/push/" + id + "/" + m.get("secret_key").asText());
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");

        JsonNode got = json(adminGet("/api/v1/monitors/" + id));
        assertThat(got.has("secret_key")).isFalse();
        assertThat(got.has("push_url")).isFalse();
        assertThat(got.get("group").asText()).isEqualTo("Maintenance Tasks");
        assertThat(got.get("enabled").asBoolean()).isTrue();
        assertThat(got.get("last_push_at").isNull()).isTrue();
        assertThat(got.get("next_expected_by").isNull()).isTrue();
        assertThat(got.get("push_count").asLong()).isZero();
        JsonNode c = got.get("config");
        assertThat(c.get("expected_interval").asLong()).isEqualTo(86400);
        assertThat(c.get("grace_period").asLong()).isEqualTo(3600);
        assertThat(c.get("require_payload").asBoolean()).isFalse();
        assertThat(c.get("schedule").isNull()).isTrue();
        assertThat(c.get("timezone").asText()).isEqualTo("UTC");
        assertThat(c.get("max_runtime").isNull()).isTrue();
        assertThat(c.get("failure_threshold").asInt()).isEqualTo(1);
        assertThat(c.get("recovery_threshold").asInt()).isEqualTo(1);
        assertThat(got.get("notifications").toString()).isEqualTo("[\"admin_email\"]");
        assertThat(got.get("alert_on").toString()).isEqualTo("[\"down\",\"up\"]");
    }

    @Test
    void createWithOwnSecretAndSchedule() {
        JsonNode m = json(adminPost("/api/v1/monitors", """
                {"name": "Nightly export", "secret_key": "my-own-secret-0123456789",
                 "config": {"schedule": "30 2 * * *", "timezone": "Europe/Berlin", "grace_period": "15m",
                            "max_runtime": 600, "failure_threshold": 2}}"""));
        assertThat(m.get("secret_key").asText()).isEqualTo("my-own-secret-0123456789");
        assertThat(m.get("config").get("schedule").asText()).isEqualTo("30 2 * * *");
        assertThat(m.get("config").get("timezone").asText()).isEqualTo("Europe/Berlin");
        assertThat(m.get("config").get("max_runtime").asLong()).isEqualTo(600);
        assertThat(m.get("config").get("expected_interval").isNull()).isTrue();
        HttpResponse<String> push = get("/api/push/" + m.get("id").asLong() + "/my-own-secret-0123456789");
        assertThat(push.statusCode()).isEqualTo(200);
        assertThat(json(push).get("next_expected_by").asText()).isEqualTo("2025-01-16T01:45:00Z"); // 02:30 CET + 15m
    }

    @Test
    void listFiltersByGroup() {
        createDailyBackup();
        adminPost("/api/v1/monitors", "{\"name\": \"Loose\", \"config\": {\"expected_interval\": 60}}");
        assertThat(json(adminGet("/api/v1/monitors")).get("monitors")).hasSize(2);
        JsonNode maintenance = json(adminGet("/api/v1/monitors?group=Maintenance%20Tasks")).get("monitors");
        assertThat(maintenance).hasSize(1);
        assertThat(maintenance.get(0).get("name").asText()).isEqualTo("Daily Backup Job");
        assertThat(json(adminGet("/api/v1/monitors?group=none")).get("monitors")).isEmpty();
    }

    @Test
    void patchChangesOnlyTheGivenFields() {
        long id = createDailyBackup().get("id").asLong();
        HttpResponse<String> r = adminSend("PATCH", "/api/v1/monitors/" + id, BodyPublishers.ofString(
                "{\"group\": null, \"config\": {\"grace_period\": 7200}, \"alert_on\": [\"down\"]}"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode m = json(r);
        assertThat(m.get("group").isNull()).isTrue();
        assertThat(m.get("config").get("grace_period").asLong()).isEqualTo(7200);
        assertThat(m.get("config").get("expected_interval").asLong()).isEqualTo(86400);
        assertThat(m.get("alert_on").toString()).isEqualTo("[\"down\"]");
        assertThat(m.get("notifications").toString()).isEqualTo("[\"admin_email\"]");

        JsonNode renamed = json(adminSend("PATCH", "/api/v1/monitors/" + id, BodyPublishers.ofString(
                "{\"name\": \"Backups\", \"config\": {\"schedule\": \"@daily\"}}")));
        assertThat(renamed.get("name").asText()).isEqualTo("Backups");
        assertThat(renamed.get("config").get("schedule").asText()).isEqualTo("@daily");
        assertThat(renamed.get("config").get("expected_interval").isNull()).isTrue();

        JsonNode paused = json(adminSend("PATCH", "/api/v1/monitors/" + id,
                BodyPublishers.ofString("{\"enabled\": false}")));
        assertThat(paused.get("status").asText()).isEqualTo("PAUSED");
        assertThat(paused.get("enabled").asBoolean()).isFalse();
    }

    @Test
    void pauseResumeRotateDelete() {
        JsonNode m = createDailyBackup();
        long id = m.get("id").asLong();
        String oldPush = pushPath(m);
        assertThat(json(adminPost("/api/v1/monitors/" + id + "/pause", "")).get("status").asText()).isEqualTo("PAUSED");
        HttpResponse<String> pausedPush = get(oldPush);
        assertThat(pausedPush.statusCode()).isEqualTo(200);
        assertThat(json(pausedPush).get("warnings").get(0).asText()).contains("paused");
        assertThat(json(adminPost("/api/v1/monitors/" + id + "/resume", "")).get("status").asText()).isEqualTo("UP");

        HttpResponse<String> rotated = adminPost("/api/v1/monitors/" + id + "/rotate-secret", "");
        assertThat(rotated.statusCode()).isEqualTo(200);
        JsonNode secret = json(rotated);
        assertThat(secret.get("id").asLong()).isEqualTo(id);
        assertThat(secret.get("secret_key").asText()).isNotEqualTo(m.get("secret_key").asText());
        assertThat(error(get(oldPush), 403)).isEqualTo("Invalid secret key");
        assertThat(get(pushPath(secret)).statusCode()).isEqualTo(200);

        HttpResponse<String> deleted = adminSend("DELETE", "/api/v1/monitors/" + id, BodyPublishers.noBody());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(error(adminGet("/api/v1/monitors/" + id), 404)).isEqualTo("Push monitor not found");
        assertThat(error(get(pushPath(secret)), 404)).isEqualTo("Push monitor not found");
    }

    @Test
    void historyIsNewestFirstAndLimited() {
        JsonNode m = createDailyBackup();
        long id = m.get("id").asLong();
        String push = pushPath(m);
        get(push);
        postJson(push, "{\"status\":\"error\"}");
        postJson(push, "{\"status\":\"success\"}");
        JsonNode all = json(adminGet("/api/v1/monitors/" + id + "/history")).get("transitions");
        assertThat(all).hasSize(3);
        assertThat(all.get(0).get("to").asText()).isEqualTo("UP");
        assertThat(all.get(1).get("to").asText()).isEqualTo("DOWN");
        assertThat(all.get(1).get("reason").asText()).contains("error");
        JsonNode one = json(adminGet("/api/v1/monitors/" + id + "/history?limit=1")).get("transitions");
        assertThat(one).hasSize(1);
        assertThat(one.get(0).get("from").asText()).isEqualTo("DOWN");
    }

    @Test
    void failedNotificationsCanBeListedAndRetried() {
        JsonNode m = createDailyBackup();
        email.failNext(1);
        postJson(pushPath(m), "{\"status\":\"error\",\"message\":\"disk full\"}");
        vigil.tick();
        JsonNode failed = json(adminGet("/api/v1/notifications?status=failed")).get("notifications");
        assertThat(failed).hasSize(1);
        JsonNode n = failed.get(0);
        assertThat(n.get("channel").asText()).isEqualTo("admin_email");
        assertThat(n.get("status").asText()).isEqualTo("failed");
        assertThat(n.get("attempts").asInt()).isEqualTo(1);
        assertThat(n.get("last_error").asText()).contains("injected failure");
        assertThat(n.get("transition").get("subject_id").asLong()).isEqualTo(m.get("id").asLong());
        assertThat(n.get("transition").get("to").asText()).isEqualTo("DOWN");
        String nid = n.get("id").asText();

        HttpResponse<String> retried = adminPost("/api/v1/notifications/" + nid + "/retry", "");
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(json(retried).get("status").asText()).isEqualTo("pending");
        assertThat(error(adminPost("/api/v1/notifications/" + nid + "/retry", ""), 409))
                .contains("Only failed notifications can be retried");
        vigil.tick();
        assertThat(email.deliveries()).hasSize(1);
        assertThat(json(adminGet("/api/v1/notifications/" + nid)).get("status").asText()).isEqualTo("delivered");
        assertThat(json(adminGet("/api/v1/notifications?status=delivered&limit=1")).get("notifications")).hasSize(1);
        assertThat(json(adminGet("/api/v1/notifications")).get("notifications")).hasSize(2);
    }

    @Test
    void healthAndReadiness() {
        HttpResponse<String> health = get("/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"ok\"}");
    }
}
