package dev.vigil.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input on every route: always a JSON error with an actionable message, never a 500 or a stack trace. */
public abstract class BadInputTests extends HttpApiTestBase {
    private HttpResponse<String> createMonitor(String json) {
        return adminPost("/api/v1/monitors", json);
    }

    // ---- push ----

    @Test
    void pushWithMalformedOrWrongShapedJson() {
        String push = pushPath(createDailyBackup());
        assertThat(error(postJson(push, "{\"status\": "), 400)).startsWith("Malformed JSON at line 1");
        assertThat(error(postJson(push, "{status: success}"), 400)).startsWith("Malformed JSON");
        assertThat(error(postJson(push, "[{\"status\": \"success\"}]"), 400)).contains("must be a JSON object")
                .contains("an array");
        assertThat(error(postJson(push, "\"success\""), 400)).contains("must be a JSON object");
        assertThat(error(postJson(push, "null"), 400)).contains("must be a JSON object");
        assertThat(error(postJson(push, "{\"status\": 1}"), 400)).isEqualTo("status: must be a string, got a number");
        assertThat(error(postJson(push, "{\"status\": \"ok\", \"details\": [1, 2]}"), 400))
                .isEqualTo("details: must be an object, got an array");
        assertThat(error(postJson(push, "{\"details\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(101)), 400))
                .contains("JSON limit");
        assertThat(error(send(request(push).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("status=success"))), 400)).startsWith("Malformed JSON");
        assertThat(json(adminGet("/api/v1/monitors/1")).get("push_count").asInt()).isZero();
    }

    @Test
    void aBodyArrivingInPiecesOrNotAtAllIsHandledCorrectly() {
        String relative = pushPath(createDailyBackup());
        String push = java.net.URI.create(base).getPath() + relative;
        String body = "{\"status\": \"error\", \"message\": \"disk full\"}";
        String head = "POST " + push + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: "
                + body.length() + "\r\n\r\n";
        // head, half the body, the rest: the push counts once, with the whole message
        String answer = RawHttp.exchange(base, head, body.substring(0, 10), body.substring(10));
        assertThat(answer).startsWith("HTTP/1.1 200 ").contains("\"success\":true");
        JsonNode m = json(adminGet("/api/v1/monitors/1"));
        assertThat(m.get("push_count").asInt()).isEqualTo(1);
        assertThat(m.get("status").asText()).isEqualTo("DOWN");
        // a client that gives up halfway leaves nothing recorded, and the server keeps answering
        RawHttp.closeAfterSending(base, head.replace("Connection: close\r\n", ""), body.substring(0, 10));
        assertThat(postJson(relative, "{\"status\":\"success\"}").statusCode()).isEqualTo(200);
        assertThat(json(adminGet("/api/v1/monitors/1")).get("push_count").asInt()).isEqualTo(2);
    }

    @Test
    void nulInPushOrSilenceTextIsKeptAsReplacementCharacterWithAWarning() {
        JsonNode m = createDailyBackup();
        HttpResponse<String> pushed = postJson(pushPath(m), "{\"status\": \"success\", \"message\": \"copied\\u0000 42\"}");
        assertThat(pushed.statusCode()).isEqualTo(200);
        assertThat(json(pushed).get("warnings")).extracting(JsonNode::asText).containsExactly(
                "message: NUL characters and unpaired surrogates cannot be stored and were replaced with U+FFFD");
        JsonNode stored = json(adminGet("/api/v1/monitors/" + m.get("id").asLong()));
        assertThat(stored.get("last_push_message").asText()).isEqualTo("copied\ufffd 42");
        assertThat(stored.get("push_count").asInt()).isEqualTo(1);

        HttpResponse<String> silence = adminPost("/api/v1/silences", "{\"matchers\": [\"group=Maintenance\"], "
                + "\"duration\": \"1h\", \"created_by\": \"alice\", \"comment\": \"nul\\u0000here\"}");
        assertThat(silence.statusCode()).isEqualTo(201);
        assertThat(json(silence).get("comment").asText()).isEqualTo("nul\ufffdhere");
        assertThat(json(silence).get("warnings")).extracting(JsonNode::asText).containsExactly(
                "comment: NUL characters and unpaired surrogates cannot be stored and were replaced with U+FFFD");
        assertThat(json(adminGet("/api/v1/silences")).get("silences").get(0).get("comment").asText())
                .isEqualTo("nul\ufffdhere");
    }

    /** A 1 MiB body, sent as curl sends large bodies: with Expect: 100-continue. */
    private String oneMebibyteWithExpect(String path, String extraHeaders) {
        String prefix = java.net.URI.create(base).getPath();
        return finalAnswer(RawHttp.head(base, "POST " + prefix + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + extraHeaders + "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 1048576"
                + "\r\n\r\n"));
    }

    @Test
    void pushBodyOfOneMebibyteIs413() {
        String push = pushPath(createDailyBackup());
        // refused from the declared length (where the server lets the adapter answer first: without "100 Continue",
        // so the client never sends the megabyte)
        String answer = oneMebibyteWithExpect(push, "");
        assertThat(answer).startsWith("HTTP/1.1 413 ")
                .endsWith("{\"error\":\"Request body is too large (limit 65536 bytes)\"}");
        // without a declared length (chunked) the limit holds while reading: at most 64 KiB + 1 byte is read
        assertThat(error(send(request(push).POST(BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(new byte[70 * 1024])))), 413)).contains("65536");
        // the server is fine afterwards, and nothing was recorded
        assertThat(json(adminGet("/api/v1/monitors/1")).get("push_count").asInt()).isZero();
        assertThat(postJson(push, "{\"status\":\"success\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void pushToUnknownOrImpossibleMonitorsIs404() {
        JsonNode m = createDailyBackup();
        String secret = m.get("secret_key").asText();
        for (String id : List.of("999", "abc", "0", "-5", "99999999999999999999999", "1.0", "5e3", "%E2%9C%93")) {
            assertThat(error(get("/api/push/" + id + "/" + secret), 404)).as(id).isEqualTo("Push monitor not found");
            assertThat(error(postJson("/api/push/" + id + "/" + secret, "{}"), 404)).isEqualTo("Push monitor not found");
        }
        assertThat(error(get("/api/push/1"), 404)).contains("no API route");
        assertThat(error(get("/api/push/"), 404)).contains("no API route");
        assertThat(error(get("/api/push/1/" + secret + "/extra"), 404)).contains("no API route");
    }

    @Test
    void pushWithWrongSecretIs403() {
        JsonNode m = createDailyBackup();
        long id = m.get("id").asLong();
        assertThat(error(get("/api/push/" + id + "/wrong"), 403)).isEqualTo("Invalid secret key");
        assertThat(error(postJson("/api/push/" + id + "/" + "x".repeat(2000), "{}"), 403)).isEqualTo("Invalid secret key");
        assertThat(error(postJson("/api/push/" + id + "/%C3%A9t%C3%A9", "{}"), 403)).isEqualTo("Invalid secret key");
    }

    @Test
    void pushWithHeadOptionsAndPut() {
        JsonNode m = createDailyBackup();
        String push = pushPath(m);
        HttpResponse<String> head = send(request(push).method("HEAD", BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(405);
        assertThat(head.headers().firstValue("Allow")).contains("GET, POST, OPTIONS");
        assertThat(head.body()).isEmpty();
        HttpResponse<String> options = send(request(push).method("OPTIONS", BodyPublishers.noBody()));
        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(options.headers().firstValue("Allow")).contains("GET, POST, OPTIONS");
        HttpResponse<String> put = send(request(push).PUT(BodyPublishers.ofString("{}")));
        assertThat(error(put, 405)).contains("PUT");
        assertThat(put.headers().firstValue("Allow")).contains("GET, POST, OPTIONS");
        assertThat(error(send(request(push).DELETE()), 405)).contains("DELETE");
        assertThat(json(adminGet("/api/v1/monitors/" + m.get("id").asLong())).get("push_count").asInt()).isZero();
    }

    // ---- admin: authentication ----

    @Test
    void adminWithoutOrWithWrongKeyIs401() {
        for (String path : List.of("/api/v1/monitors", "/api/v1/monitors/1", "/api/v1/monitors/1/history",
                "/api/v1/notifications")) {
            assertThat(error(get(path), 401)).isEqualTo("Missing X-API-Key header");
            assertThat(error(send(request(path).header("X-API-Key", "wrong")), 401)).isEqualTo("Invalid API key");
        }
        assertThat(error(send(request("/api/v1/monitors").POST(BodyPublishers.ofString("{}"))), 401))
                .isEqualTo("Missing X-API-Key header");
        assertThat(error(send(request("/api/v1/monitors").header("X-API-Key", API_KEY.toUpperCase())), 401))
                .isEqualTo("Invalid API key");
    }

    @Test
    void repeatedWrongKeysAreThrottled() {
        for (int i = 0; i < 10; i++) {
            assertThat(send(request("/api/v1/monitors").header("X-API-Key", "guess-" + i)).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> blocked = adminGet("/api/v1/monitors");
        assertThat(error(blocked, 429)).contains("Too many failed authentication attempts");
        assertThat(blocked.headers().firstValue("Retry-After")).contains("60");
        clock.advance(java.time.Duration.ofMinutes(1));
        assertThat(adminGet("/api/v1/monitors").statusCode()).isEqualTo(200);
        // pushes are not affected by admin throttling
        assertThat(get(pushPath(createDailyBackup())).statusCode()).isEqualTo(200);
    }

    // ---- admin: create ----

    @Test
    void createWithMalformedOrWrongShapedJson() {
        assertThat(error(createMonitor("{\"name\": "), 400)).startsWith("Malformed JSON");
        assertThat(error(createMonitor("[{\"name\": \"x\"}]"), 400)).contains("must be a JSON object");
        assertThat(error(createMonitor(""), 400)).startsWith("Request body is required");
        assertThat(error(createMonitor("{\"name\": 5, \"config\": {\"expected_interval\": 60}}"), 400))
                .isEqualTo("name: must be a string, got a number");
        assertThat(error(createMonitor("{\"name\": \"x\", \"config\": [60]}"), 400))
                .isEqualTo("config: must be an object, got an array");
        assertThat(error(createMonitor("{\"name\": \"x\", \"config\": {\"expected_interval\": 60}, "
                + "\"notifications\": \"admin_email\"}"), 400))
                .isEqualTo("notifications: must be an array of strings, got a string");
        assertThat(error(createMonitor("{\"name\": \"x\", \"config\": {\"expected_interval\": 60}, "
                + "\"notifications\": [1]}"), 400)).isEqualTo("notifications[0]: must be a string, got a number");
        assertThat(error(createMonitor("{\"name\": \"x\", \"enabled\": \"yes\", \"config\": {\"expected_interval\": 60}}"),
                400)).isEqualTo("enabled: must be true or false, got a string");
        assertThat(error(createMonitor("{\"name\": \"x\", \"config\": {\"expected_interval\": 60, "
                + "\"failure_threshold\": 1.5}}"), 400)).startsWith("config.failure_threshold: must be a whole number");
        assertThat(oneMebibyteWithExpect("/api/v1/monitors", "X-API-Key: " + API_KEY + "\r\n"))
                .startsWith("HTTP/1.1 413 ").contains("Request body is too large");
        // a wrong key is refused before the body is even looked at
        assertThat(oneMebibyteWithExpect("/api/v1/monitors", "X-API-Key: wrong\r\n")).startsWith("HTTP/1.1 401 ");
    }

    @Test
    void createWithUnknownOrInvalidFields() {
        assertThat(error(createMonitor("{\"name\": \"x\", \"colour\": \"red\", \"config\": {\"expected_interval\": 60}}"),
                400)).startsWith("Unknown field 'colour'");
        assertThat(error(createMonitor("{\"name\": \"x\", \"config\": {\"expected_interval\": 60, \"graceperiod\": 5}}"),
                400)).startsWith("Unknown field 'config.graceperiod'");
        assertThat(error(createMonitor("{\"config\": {\"expected_interval\": 60}}"), 400)).isEqualTo("name: is required");
        assertThat(error(createMonitor("{\"name\": \"x\"}"), 400)).contains("expected_interval or schedule is required");
        assertThat(error(createMonitor("{\"name\": \"x\", \"type\": \"http\", \"config\": {\"expected_interval\": 60}}"),
                400)).startsWith("type: 'http' is not supported");
        assertThat(error(createMonitor("{\"name\": \"x\", \"config\": {\"expected_interval\": \"soon\"}}"), 400))
                .startsWith("config.expected_interval: must be a whole number of seconds or a duration");
        assertThat(error(createMonitor("{\"name\": \"x\", \"config\": {\"expected_interval\": -60}}"), 400))
                .isEqualTo("config.expected_interval: must not be negative, got -60");
        assertThat(error(createMonitor("{\"name\": \"x\", \"config\": {\"expected_interval\": 60.5}}"), 400))
                .startsWith("config.expected_interval: must be a whole number of seconds");
        assertThat(error(createMonitor("{\"name\": \"x\", \"config\": {\"expected_interval\": 0}}"), 400))
                .startsWith("expected_interval must be between");
        assertThat(error(createMonitor("{\"name\": \"x\", \"config\": {\"expected_interval\": 99999999999999}}"), 400))
                .startsWith("expected_interval must be between");
        assertThat(error(createMonitor("{\"name\": \"x\", \"config\": {\"expected_interval\": 60, "
                + "\"schedule\": \"@daily\"}}"), 400)).contains("not both");
        assertThat(error(createMonitor("{\"name\": \"x\", \"config\": {\"schedule\": \"61 * * * *\"}}"), 400))
                .isNotBlank();
        assertThat(error(createMonitor("{\"name\": \"x\", \"config\": {\"schedule\": \"@daily\", "
                + "\"timezone\": \"Mars/Olympus\"}}"), 400)).startsWith("config.timezone:");
        assertThat(error(createMonitor("{\"name\": \"x\", \"config\": {\"expected_interval\": 60}, "
                + "\"alert_on\": [\"sideways\"]}"), 400)).isEqualTo("alert_on[0]: 'sideways' is not one of: down, up");
        assertThat(error(createMonitor("{\"name\": \"x\", \"config\": {\"expected_interval\": 60}, "
                + "\"notifications\": [\"pager\"]}"), 400)).contains("unknown channel 'pager'");
        assertThat(error(createMonitor("{\"name\": \"x\", \"config\": {\"expected_interval\": 60}, "
                + "\"secret_key\": \"short\"}"), 400)).startsWith("secret_key must be");
        assertThat(json(adminGet("/api/v1/monitors")).get("monitors")).isEmpty();
    }

    @Test
    void schedulesThatNeverRunAre400AndFebruary29IsFine() {
        for (String never : List.of("0 0 30 2 *", "0 0 31 4 *")) {
            assertThat(error(createMonitor("{\"name\": \"x\", \"config\": {\"schedule\": \"" + never + "\"}}"), 400))
                    .as(never).isEqualTo("schedule '" + never + "' never runs: no date matches its day of month and"
                            + " month (such as February 30 or April 31)");
        }
        assertThat(json(adminGet("/api/v1/monitors")).get("monitors")).isEmpty();
        HttpResponse<String> leap = createMonitor("{\"name\": \"leap\", \"config\": {\"schedule\": \"0 0 29 2 *\"}}");
        assertThat(leap.statusCode()).isEqualTo(201);
        JsonNode pushed = json(postJson(pushPath(json(leap)), "{\"status\": \"success\"}"));
        assertThat(pushed.get("next_expected_by").asText()).isEqualTo("2028-02-29T00:00:00Z");
        long id = json(leap).get("id").asLong();
        assertThat(error(adminSend("PATCH", "/api/v1/monitors/" + id,
                BodyPublishers.ofString("{\"config\": {\"schedule\": \"0 0 31 4 *\"}}")), 400)).contains("never runs");
        assertThat(json(adminGet("/api/v1/monitors/" + id)).get("config").get("schedule").asText())
                .isEqualTo("0 0 29 2 *");
        assertThat(postJson(pushPath(json(leap)), "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void namesWithCrLfAreRejectedAndUnicodeIsKept() {
        assertThat(error(createMonitor("{\"name\": \"Backup\\r\\nFAKE LOG LINE\", \"config\": {\"expected_interval\": 60}}"),
                400)).isEqualTo("name must not contain control characters (such as CR or LF)");
        assertThat(error(createMonitor("{\"name\": \"Backup\", \"group\": \"a\\nb\", \"config\": {\"expected_interval\": 60}}"),
                400)).isEqualTo("group must not contain control characters (such as CR or LF)");
        String name = "Sauvegarde quotidienne \u2713 \u65e5\u6b21\u30d0\u30c3\u30af\u30a2\u30c3\u30d7 \ud83d\udcbe";
        HttpResponse<String> created = createMonitor("{\"name\": \"" + name + "\", \"group\": \"\u00c9quipe\", "
                + "\"config\": {\"expected_interval\": 60}}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode m = json(adminGet("/api/v1/monitors/" + json(created).get("id").asLong()));
        assertThat(m.get("name").asText()).isEqualTo(name);
        assertThat(json(adminGet("/api/v1/monitors?group=%C3%89quipe")).get("monitors")).hasSize(1);
        String renamed = error(adminSend("PATCH", "/api/v1/monitors/" + m.get("id").asLong(),
                BodyPublishers.ofString("{\"name\": \"x\\u0000y\"}")), 400);
        assertThat(renamed).contains("control characters");
    }

    @Test
    void duplicateNamesConflict() {
        createDailyBackup();
        assertThat(error(createMonitor("{\"name\": \"Daily Backup Job\", \"config\": {\"expected_interval\": 60}}"), 409))
                .contains("already exists");
        long other = json(createMonitor("{\"name\": \"Other\", \"config\": {\"expected_interval\": 60}}"))
                .get("id").asLong();
        assertThat(error(adminSend("PATCH", "/api/v1/monitors/" + other,
                BodyPublishers.ofString("{\"name\": \"Daily Backup Job\"}")), 409)).contains("already exists");
    }

    // ---- admin: by id ----

    @Test
    void unknownOrNonNumericIdsAre404() {
        for (String id : List.of("999", "abc", "0", "-1", "99999999999999999999")) {
            String base = "/api/v1/monitors/" + id;
            assertThat(error(adminGet(base), 404)).isEqualTo("Push monitor not found");
            assertThat(error(adminSend("PATCH", base, BodyPublishers.ofString("{\"enabled\": false}")), 404))
                    .isEqualTo("Push monitor not found");
            assertThat(error(adminSend("DELETE", base, BodyPublishers.noBody()), 404)).isEqualTo("Push monitor not found");
            for (String action : List.of("pause", "resume", "rotate-secret")) {
                assertThat(error(adminPost(base + "/" + action, ""), 404)).isEqualTo("Push monitor not found");
            }
            assertThat(error(adminGet(base + "/history"), 404)).isEqualTo("Push monitor not found");
        }
    }

    @Test
    void patchWithBadBodies() {
        long id = createDailyBackup().get("id").asLong();
        String path = "/api/v1/monitors/" + id;
        assertThat(error(adminSend("PATCH", path, BodyPublishers.ofString("{\"config\": ")), 400))
                .startsWith("Malformed JSON");
        assertThat(error(adminSend("PATCH", path, BodyPublishers.ofString("[]")), 400)).contains("must be a JSON object");
        assertThat(error(adminSend("PATCH", path, BodyPublishers.ofString("{\"config\": {\"grace_period\": \"x\"}}")),
                400)).startsWith("config.grace_period:");
        assertThat(error(adminSend("PATCH", path, BodyPublishers.ofString("{\"secret_key\": \"0123456789abcdef0\"}")),
                400)).contains("rotate-secret");
        assertThat(error(adminSend("PATCH", path, BodyPublishers.ofString("{\"id\": 7}")), 400))
                .startsWith("Unknown field 'id'");
        assertThat(error(adminSend("PATCH", path, BodyPublishers.ofString("{\"config\": {\"expected_interval\": null}}")),
                400)).isEqualTo("config.expected_interval: cannot be removed on its own; give a schedule instead");
        // nothing changed
        assertThat(json(adminGet(path)).get("config").get("grace_period").asLong()).isEqualTo(3600);
    }

    @Test
    void historyAndNotificationQueriesAreValidated() {
        long id = createDailyBackup().get("id").asLong();
        for (String limit : List.of("abc", "0", "-1", "5000", "1e2")) {
            assertThat(error(adminGet("/api/v1/monitors/" + id + "/history?limit=" + limit), 400))
                    .startsWith("limit must be a whole number between 1 and 1000");
            assertThat(error(adminGet("/api/v1/notifications?limit=" + limit), 400)).startsWith("limit must be");
        }
        assertThat(error(adminGet("/api/v1/notifications?status=lost"), 400))
                .startsWith("status must be one of: pending, delivered, failed");
        assertThat(error(adminPost("/api/v1/notifications/nope/retry", ""), 404)).isEqualTo("Notification not found");
        assertThat(error(adminPost("/api/v1/notifications/" + "x".repeat(500) + "/retry", ""), 404))
                .isEqualTo("Notification not found");
    }

    @Test
    void refusedRequestsLeaveTheConnectionUsable() {
        // A 404 decided before the body arrived must not leave the connection half-read: the client's next
        // request on the same keep-alive connection has to work.
        String prefix = java.net.URI.create(base).getPath();
        String answer = RawHttp.exchange(base,
                "PATCH " + prefix + "/api/v1/monitors/999 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + API_KEY
                        + "\r\nContent-Length: 17\r\n\r\n",
                "{\"enabled\":false}",
                "GET " + prefix + "/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 404 ").contains("Push monitor not found")
                .contains("HTTP/1.1 200 ").endsWith("{\"status\":\"ok\"}");
    }

    @Test
    void methodsAndUnknownRoutes() {
        HttpResponse<String> put = send(admin("/api/v1/monitors").PUT(BodyPublishers.ofString("{}")));
        assertThat(error(put, 405)).contains("PUT");
        assertThat(put.headers().firstValue("Allow")).contains("GET, HEAD, POST, OPTIONS");
        HttpResponse<String> options = send(request("/api/v1/monitors/1").method("OPTIONS", BodyPublishers.noBody()));
        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(options.headers().firstValue("Allow")).contains("GET, HEAD, PATCH, DELETE, OPTIONS");
        HttpResponse<String> head = send(admin("/api/v1/monitors").method("HEAD", BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(send(request("/healthz").method("HEAD", BodyPublishers.noBody())).statusCode()).isEqualTo(200);
        assertThat(error(send(request("/healthz").POST(BodyPublishers.noBody())), 405)).contains("POST");
        assertThat(error(get("/api/v1/nothing"), 404)).contains("no API route");
        assertThat(error(get("/"), 404)).contains("no API route");
        assertThat(error(send(request("/api/v1/monitors").method("BREW", BodyPublishers.noBody())), 405))
                .contains("BREW");
    }
}
