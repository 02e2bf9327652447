package dev.vigil.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.entity.Entities;
import dev.vigil.http.VigilHttp;
import dev.vigil.model.Transition;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 001's three examples, unchanged but for host and token, over real HTTP, with their exact response shapes;
 * then what a Dynatrace user does next (queries, problems, entities) and the errors in Dynatrace's envelope.
 */
public abstract class SeedEventTests extends HttpApiTestBase {
    public static final String TOKEN = "dt0c01.abc123.abcdefjhij1234567890";
    public static final String READ_ONLY = "dt0c01.readonly.0123456789abcdef";
    public static final String ENVIRONMENT = "mySampleEnv";
    public static final String OK_REPORT = "\\{\"correlationId\":\"[0-9a-f]{16}\",\"status\":\"OK\"}";

    /** Where the API v2 lives relative to the mount point: {@code ""} or {@code /e/{environment-id}}. */
    protected abstract String api();

    @Override
    protected VigilHttp.Builder configure(VigilHttp.Builder http) {
        return http.apiKeys(API_KEY).environmentId(ENVIRONMENT)
                .apiToken(TOKEN, "events.ingest", "events.read", "entities.read", "entities.write", "problems.read")
                .apiToken(READ_ONLY, "events.read");
    }

    /** {@code curl --request POST --url … --header 'Authorization: Api-Token …' --data '…'}: curl's form type. */
    private HttpResponse<String> curl(String path, String data) {
        return send(request(api() + path).header("Authorization", "Api-Token " + TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(data)));
    }

    private HttpResponse<String> dtGet(String path) {
        return send(request(api() + path).header("Authorization", "Api-Token " + TOKEN).GET());
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String defineEntity(String json) {
        HttpResponse<String> r = adminPost("/api/v1/entities", json);
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        return json(r).get("entityId").asText();
    }

    private void bookingService() {
        HttpResponse<String> r = adminPost("/api/v1/health/report",
                "{\"path\":\"travel/booking/prod/eu1/BookingService\",\"status\":\"OPERATIONAL\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private List<Transition> problemNotifications() {
        vigil.tick();
        return sent.transitions().stream().filter(t -> t.kind().equals("problem")).toList();
    }

    @Test
    void example1MarksExactlyTheTwoHostsOfTheHostGroupForTermination() {
        String group = defineEntity("{\"type\":\"HOST_GROUP\",\"displayName\":\"cloud-burst-hosts\"}");
        for (String host : List.of("burst-1", "burst-2")) {
            defineEntity("{\"type\":\"HOST\",\"displayName\":\"" + host + "\",\"tags\":[\"env:prod\"],"
                    + "\"fromRelationships\":{\"isInstanceOf\":[\"" + group + "\"]}}");
        }
        defineEntity("{\"type\":\"HOST\",\"displayName\":\"steady-1\",\"tags\":[\"env:prod\"]}");
        HttpResponse<String> r = curl("/api/v2/events/ingest", """
                {
                    "eventType": "MARKED_FOR_TERMINATION",
                    "title": "Planned host downscale",
                    "entitySelector": "type(HOST),fromRelationship.isInstanceOf(type(HOST_GROUP),entityName(cloud-burst-hosts))",
                    "properties": {
                        "job.number": "21234346"
                    }
                }""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/json"));
        assertThat(r.body()).matches("\\{\"reportCount\":2,\"eventIngestResults\":\\[" + OK_REPORT + ","
                + OK_REPORT + "]}");
        JsonNode listed = json(dtGet("/api/v2/events?eventSelector=" + q("eventType(MARKED_FOR_TERMINATION)")));
        assertThat(listed.get("totalCount").asInt()).isEqualTo(2);
        List<String> names = new ArrayList<>();
        for (JsonNode e : listed.get("events")) {
            names.add(e.get("entityId").get("name").asText());
            assertThat(e.get("entityId").get("entityId").get("type").asText()).isEqualTo("HOST");
            assertThat(e.get("properties").toString()).isEqualTo("[{\"key\":\"job.number\",\"value\":\"21234346\"}]");
            assertThat(e.get("status").asText()).isEqualTo("OPEN");
            assertThat(e.get("endTime").isNull()).isTrue();
            assertThat(e.get("entityTags").get(0).get("stringRepresentation").asText()).isEqualTo("env:prod");
        }
        assertThat(names).containsExactlyInAnyOrder("burst-1", "burst-2");
        assertThat(problemNotifications()).isEmpty();
    }

    @Test
    void example2MarksTheServiceAsALoadTestTargetWithoutNotifying() {
        bookingService();
        HttpResponse<String> r = curl("/api/v2/events/ingest", """
                {
                    "eventType": "CUSTOM_INFO",
                    "title": "Loadtest start",
                    "timeout": 30,
                    "entitySelector": "type(SERVICE),entityName.equals(BookingService)",
                    "properties": {
                        "Tool": "MyLoadTool",
                        "Load per minute": "100",
                        "Load pattern": "production"
                    }
                }""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).matches("\\{\"reportCount\":1,\"eventIngestResults\":\\[" + OK_REPORT + "]}");
        String correlationId = json(r).get("eventIngestResults").get(0).get("correlationId").asText();
        JsonNode listed = json(dtGet("/api/v2/events?from=now-1h&eventSelector=" + q("correlationId("
                + correlationId + ")")));
        assertThat(listed.get("totalCount").asInt()).isEqualTo(1);
        JsonNode e = listed.get("events").get(0);
        assertThat(e.get("entityId").get("name").asText()).isEqualTo("BookingService");
        assertThat(e.get("title").asText()).isEqualTo("Loadtest start");
        assertThat(e.get("properties")).hasSize(3);
        JsonNode one = json(dtGet("/api/v2/events/" + e.get("eventId").asText()));
        assertThat(one.get("correlationId").asText()).isEqualTo(correlationId);
        clock.advance(Duration.ofMinutes(30));
        assertThat(json(dtGet("/api/v2/events/" + e.get("eventId").asText())).get("endTime").asLong())
                .isEqualTo(clock.instant().toEpochMilli());
        assertThat(problemNotifications()).isEmpty();
    }

    @Test
    void example3OpensAProblemThatMergingDoesNotJoin() {
        bookingService();
        String body = """
                {
                    "eventType": "ERROR_EVENT",
                    "title": "Product catalog update failed",
                    "timeout": 30,
                    "entitySelector": "type(SERVICE),entityName.equals(BookingService)",
                    "properties": {
                        "allowDavisMerge": "false",
                        "Catalog": "APAC travels",
                        "Batch processor": "travel-catalog"
                    }
                }""";
        HttpResponse<String> r = curl("/api/v2/events/ingest", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).matches("\\{\"reportCount\":1,\"eventIngestResults\":\\[" + OK_REPORT + "]}");
        assertThat(problemNotifications()).extracting(Transition::to).containsExactly("OPEN");
        assertThat(curl("/api/v2/events/ingest", body).statusCode()).isEqualTo(201);
        JsonNode problems = json(dtGet("/api/v2/problems?problemSelector=" + q("status(OPEN)")));
        assertThat(problems.get("totalCount").asInt()).isEqualTo(2);
        JsonNode p = problems.get("problems").get(0);
        assertThat(p.get("title").asText()).isEqualTo("Product catalog update failed");
        assertThat(p.get("severityLevel").asText()).isEqualTo("ERROR");
        assertThat(p.get("impactLevel").asText()).isEqualTo("SERVICES");
        assertThat(p.get("endTime").asLong()).isEqualTo(-1);
        assertThat(p.get("affectedEntities").get(0).get("name").asText()).isEqualTo("BookingService");
        assertThat(p.get("evidenceDetails").get("totalCount").asInt()).isEqualTo(1);
        JsonNode one = json(dtGet("/api/v2/problems/" + p.get("problemId").asText()));
        assertThat(one.get("displayId").asText()).startsWith("P-");
        assertThat(problemNotifications()).extracting(Transition::to).containsExactly("OPEN", "OPEN");
        clock.advance(Duration.ofMinutes(30));
        assertThat(problemNotifications()).extracting(Transition::to).containsExactly("OPEN", "OPEN", "CLOSED",
                "CLOSED");
        JsonNode closed = json(dtGet("/api/v2/problems?from=now-1h&problemSelector=" + q("status(CLOSED)")));
        assertThat(closed.get("totalCount").asInt()).isEqualTo(2);
        assertThat(closed.get("problems").get(0).get("endTime").asLong()).isEqualTo(clock.instant().toEpochMilli());
    }

    @Test
    void errorsComeInDynatracesEnvelope() {
        String ingest = api() + "/api/v2/events/ingest";
        String body = "{\"eventType\":\"CUSTOM_INFO\",\"title\":\"t\"}";
        HttpResponse<String> none = send(request(ingest).POST(BodyPublishers.ofString(body)));
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).get("error").get("code").asInt()).isEqualTo(401);
        assertThat(json(none).get("error").get("message").asText()).contains("Api-Token");
        HttpResponse<String> wrong = send(request(ingest).header("Authorization", "Api-Token nope")
                .POST(BodyPublishers.ofString(body)));
        assertThat(json(wrong).get("error").get("code").asInt()).isEqualTo(401);
        HttpResponse<String> scope = send(request(ingest).header("Authorization", "Api-Token " + READ_ONLY)
                .POST(BodyPublishers.ofString(body)));
        assertThat(scope.statusCode()).isEqualTo(403);
        assertThat(json(scope).get("error").get("message").asText()).contains("events.ingest");
        // the token as a query parameter, as Dynatrace accepts it
        HttpResponse<String> viaQuery = send(request(api() + "/api/v2/events?api-token=" + READ_ONLY).GET());
        assertThat(viaQuery.statusCode()).as(viaQuery.body()).isEqualTo(200);
        assertThat(json(viaQuery).get("totalCount").asInt()).isZero();

        HttpResponse<String> noType = curl("/api/v2/events/ingest", "{\"title\":\"t\"}");
        assertThat(noType.statusCode()).isEqualTo(400);
        JsonNode v = json(noType).get("error").get("constraintViolations").get(0);
        assertThat(v.toString()).isEqualTo("{\"path\":\"eventType\",\"message\":\"must not be null\","
                + "\"parameterLocation\":\"PAYLOAD_BODY\",\"location\":null}");
        assertThat(json(noType).get("error").get("code").asInt()).isEqualTo(400);
        HttpResponse<String> badSelector = curl("/api/v2/events/ingest",
                "{\"eventType\":\"CUSTOM_INFO\",\"title\":\"t\",\"entitySelector\":\"type(HOST),entityName(\"}");
        assertThat(badSelector.statusCode()).isEqualTo(400);
        assertThat(json(badSelector).get("error").get("message").asText())
                .contains("Invalid entity selector at position 22: expected a value");
        assertThat(curl("/api/v2/events/ingest", "not json").statusCode()).isEqualTo(400);
        assertThat(json(curl("/api/v2/events/ingest", "not json")).get("error").get("code").asInt()).isEqualTo(400);
        HttpResponse<String> missing = dtGet("/api/v2/events/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("error").get("code").asInt()).isEqualTo(404);
        HttpResponse<String> unknown = dtGet("/api/v2/entities/HOST-0000000000000000/unknown");
        assertThat(json(unknown).get("error").get("code").asInt()).isEqualTo(404);
        // nothing was stored by any of them
        assertThat(json(dtGet("/api/v2/events")).get("totalCount").asInt()).isZero();
    }

    @Test
    void entitiesListInDynatracesShapeWithFieldsAndPages() {
        String group = defineEntity("{\"type\":\"HOST_GROUP\",\"displayName\":\"cloud-burst-hosts\"}");
        for (int i = 0; i < 3; i++) {
            defineEntity("{\"type\":\"HOST\",\"displayName\":\"burst-" + i + "\",\"tags\":[\"[AWS]env:prod\"],"
                    + "\"properties\":{\"os\":\"linux\"},\"fromRelationships\":{\"isInstanceOf\":[\"" + group + "\"]}}");
        }
        JsonNode page1 = json(dtGet("/api/v2/entities?pageSize=2&entitySelector=" + q("type(HOST)")
                + "&fields=" + q("+tags,+properties,+fromRelationships,+firstSeenTms,+lastSeenTms")));
        assertThat(page1.get("totalCount").asInt()).isEqualTo(3);
        assertThat(page1.get("pageSize").asInt()).isEqualTo(2);
        assertThat(page1.get("entities")).hasSize(2);
        JsonNode e = page1.get("entities").get(0);
        assertThat(e.get("entityId").asText()).startsWith("HOST-");
        assertThat(e.get("tags").get(0).toString()).isEqualTo("{\"context\":\"AWS\",\"key\":\"env\",\"value\":\"prod\","
                + "\"stringRepresentation\":\"[AWS]env:prod\"}");
        assertThat(e.get("fromRelationships").toString()).isEqualTo("{\"isInstanceOf\":[{\"id\":\"" + group
                + "\",\"type\":\"HOST_GROUP\"}]}");
        assertThat(e.get("properties").get("os").asText()).isEqualTo("linux");
        assertThat(e.get("lastSeenTms").asLong()).isEqualTo(clock.instant().toEpochMilli());
        String next = page1.get("nextPageKey").asText();
        HttpResponse<String> mixed = dtGet("/api/v2/entities?pageSize=2&nextPageKey=" + q(next));
        assertThat(mixed.statusCode()).isEqualTo(400);
        JsonNode page2 = json(dtGet("/api/v2/entities?nextPageKey=" + q(next)));
        assertThat(page2.get("entities")).hasSize(1);
        assertThat(page2.get("nextPageKey").isNull()).isTrue();
        assertThat(page2.get("entities").get(0).has("tags")).isTrue();
        JsonNode defaults = json(dtGet("/api/v2/entities?entitySelector=" + q("type(HOST_GROUP)")));
        assertThat(defaults.get("entities").get(0).has("tags")).isFalse();
        assertThat(defaults.get("entities").get(0).get("displayName").asText()).isEqualTo("cloud-burst-hosts");
        JsonNode one = json(dtGet("/api/v2/entities/" + group));
        assertThat(one.get("toRelationships").get("isInstanceOf")).hasSize(3);
        HttpResponse<String> custom = send(request(api() + "/api/v2/entities/custom")
                .header("Authorization", "Api-Token " + TOKEN).POST(BodyPublishers.ofString(
                        "{\"customDeviceId\":\"dev-1\",\"displayName\":\"Device 1\",\"group\":\"rack-7\","
                                + "\"ipAddresses\":[\"10.0.0.1\"],\"listenPorts\":[8080]}")));
        assertThat(custom.statusCode()).as(custom.body()).isEqualTo(201);
        assertThat(json(custom).get("entityId").asText()).isEqualTo(Entities.entityId("CUSTOM_DEVICE", "dev-1"));
        assertThat(json(custom).get("groupId").asText()).isEqualTo(Entities.entityId("CUSTOM_DEVICE_GROUP",
                "rack-7"));
        HttpResponse<String> bad = dtGet("/api/v2/entities?entitySelector=" + q("type(HOST),tag("));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("error").get("message").asText()).contains("position 15");
        // three days later, nothing was seen: the default from=now-3d finds none, an earlier from finds them
        clock.advance(Duration.ofDays(3).plusMinutes(1));
        assertThat(json(dtGet("/api/v2/entities?entitySelector=" + q("type(HOST)"))).get("totalCount").asInt())
                .isZero();
        assertThat(json(dtGet("/api/v2/entities?from=now-4d&entitySelector=" + q("type(HOST)"))).get("totalCount")
                .asInt()).isEqualTo(3);
    }
}
