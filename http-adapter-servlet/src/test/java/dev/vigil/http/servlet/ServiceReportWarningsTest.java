package dev.vigil.http.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.http.VigilHttp;
import dev.vigil.testkit.http.RawHttp;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's "loud over silent" rules over HTTP, one by one with their boundaries: every JSON object gets a 200 with
 * the report's result and a warning per thing padded, clamped, coerced or ignored; only a body that is not a JSON
 * object, a missing or wrong key, a key without the scope, or a body over the limit is refused.
 */
class ServiceReportWarningsTest extends ServletTestBase {
    static final String REPORTS_KEY = "test-reports-key-0123456789abcdef";
    static final String PG = "myorg/platform/prod/cluster1/postgresql";

    @Override
    protected String prefix() {
        return "";
    }

    @Override
    protected VigilHttp.Builder configure(VigilHttp.Builder http) {
        return super.configure(http).apiKey(REPORTS_KEY, "reports.write");
    }

    private HttpResponse<String> post(String kind, String body) {
        return send(request("/api/v1/" + kind + "/report").header("X-API-Key", REPORTS_KEY)
                .POST(BodyPublishers.ofString(body)));
    }

    /** Posts a report, asserts a 200 with a JSON body whose warnings are an array, and returns the body. */
    private JsonNode report(String kind, String body) {
        HttpResponse<String> r = post(kind, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        JsonNode n = json(r);
        assertThat(n.get("warnings").isArray()).as(r.body()).isTrue();
        return n;
    }

    private JsonNode health(String body) {
        return report("health", body);
    }

    private JsonNode storage(String body) {
        return report("storage", body);
    }

    private JsonNode backup(String body) {
        return report("backup", body);
    }

    private static List<String> warnings(JsonNode result) {
        List<String> out = new ArrayList<>();
        result.get("warnings").forEach(w -> out.add(w.asText()));
        return out;
    }

    private JsonNode service(String path) {
        HttpResponse<String> r = adminGet("/api/v1/services/" + path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    private List<String> servicePaths() {
        List<String> out = new ArrayList<>();
        json(adminGet("/api/v1/services")).get("services").forEach(s -> out.add(s.get("path").asText()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    // ---- paths ----

    @Test
    void missingPathLandsUnderUnknown() {
        JsonNode r = health("{\"status\": \"OPERATIONAL\"}");
        assertThat(r.get("path").asText()).isEqualTo("unknown/unknown/unknown/unknown/unknown");
        assertThat(r.get("created").asBoolean()).isTrue();
        assertThat(r.get("status").asText()).isEqualTo("OPERATIONAL");
        assertThat(warnings(r)).singleElement().asString().contains("path is missing")
                .contains("unknown/unknown/unknown/unknown/unknown");
        // blank and null are missing too
        assertThat(health("{\"path\": \"  \", \"status\": \"OPERATIONAL\"}").get("path").asText())
                .isEqualTo("unknown/unknown/unknown/unknown/unknown");
        assertThat(health("{\"path\": null, \"status\": \"OPERATIONAL\"}").get("created").asBoolean()).isFalse();
        assertThat(service("unknown/unknown/unknown/unknown/unknown").get("misconfigured_reports").asLong())
                .isEqualTo(3);
        // on storage and backup reports too
        assertThat(storage("{\"allocatedBytes\": 100, \"usedBytes\": 10}").get("path").asText())
                .isEqualTo("unknown/unknown/unknown/unknown/unknown");
        JsonNode b = backup("{\"status\": \"success\"}");
        assertThat(b.get("paths")).extracting(JsonNode::asText)
                .containsExactly("unknown/unknown/unknown/unknown/unknown");
        assertThat(warnings(b)).singleElement().asString().contains("path is missing");
    }

    @Test
    void fewerThanFiveSegmentsArePaddedKeepingTheLast() {
        JsonNode r = health("{\"path\": \"a/b\", \"status\": \"DOWN\"}");
        assertThat(r.get("path").asText()).isEqualTo("unknown/unknown/unknown/unknown/b");
        assertThat(r.get("status").asText()).isEqualTo("DOWN");
        assertThat(warnings(r)).singleElement().asString().contains("'a/b'").contains("2 of 5 segments")
                .contains("unknown/unknown/unknown/unknown/b");
        assertThat(health("{\"path\": \"single\", \"status\": \"DOWN\"}").get("path").asText())
                .isEqualTo("unknown/unknown/unknown/unknown/single");
        JsonNode four = storage("{\"path\": \"a/b/c/d\", \"freePercent\": 50}");
        assertThat(four.get("path").asText()).isEqualTo("unknown/unknown/unknown/unknown/d");
        assertThat(warnings(four)).singleElement().asString().contains("4 of 5 segments");
        // only slashes: no segment at all
        assertThat(health("{\"path\": \"///\", \"status\": \"DOWN\"}").get("path").asText())
                .isEqualTo("unknown/unknown/unknown/unknown/unknown");
        assertThat(servicePaths()).containsExactly("unknown/unknown/unknown/unknown/b",
                "unknown/unknown/unknown/unknown/d", "unknown/unknown/unknown/unknown/single",
                "unknown/unknown/unknown/unknown/unknown");
    }

    @Test
    void emptySegmentsAreDropped() {
        JsonNode r = health("{\"path\": \"a//b/c/d/e\", \"status\": \"OPERATIONAL\"}");
        assertThat(r.get("path").asText()).isEqualTo("a/b/c/d/e");
        assertThat(warnings(r)).singleElement().asString().contains("empty segments");
        JsonNode slashes = health("{\"path\": \"/a/b/c/d/e/\", \"status\": \"OPERATIONAL\"}");
        assertThat(slashes.get("path").asText()).isEqualTo("a/b/c/d/e");
        assertThat(slashes.get("created").asBoolean()).isFalse();
        assertThat(warnings(slashes)).singleElement().asString().contains("empty segments");
        // a well-formed path: no warning
        JsonNode clean = health("{\"path\": \"a/b/c/d/e\", \"status\": \"OPERATIONAL\"}");
        assertThat(warnings(clean)).isEmpty();
        assertThat(service("a/b/c/d/e").get("misconfigured_reports").asLong()).isEqualTo(2);
    }

    @Test
    void moreThanFiveSegmentsAreFoldedIntoTheService() {
        JsonNode r = health("{\"path\": \"a/b/c/d/e/f/g\", \"status\": \"OPERATIONAL\"}");
        assertThat(r.get("path").asText()).isEqualTo("a/b/c/d/e-f-g");
        assertThat(warnings(r)).singleElement().asString().contains("7 segments").contains("'-'")
                .contains("a/b/c/d/e-f-g");
        JsonNode six = storage("{\"path\": \"a/b/c/d/e/f\", \"allocatedBytes\": 10, \"usedBytes\": 1}");
        assertThat(six.get("path").asText()).isEqualTo("a/b/c/d/e-f");
        assertThat(warnings(six)).singleElement().asString().contains("6 segments");
        assertThat(servicePaths()).containsExactly("a/b/c/d/e-f", "a/b/c/d/e-f-g");
    }

    // ---- byte counts and free space ----

    @Test
    void negativeByteCountsCountAsZero() {
        JsonNode used = storage("{\"path\": \"" + PG + "\", \"allocatedBytes\": 1000, \"usedBytes\": -10}");
        assertThat(used.get("level").asText()).isEqualTo("healthy");
        assertThat(used.get("freePercent").asDouble()).isEqualTo(100.0);
        assertThat(warnings(used)).singleElement().asString().contains("usedBytes -10 is negative");
        assertThat(service(PG).get("storage").get("used_bytes").asLong()).isZero();

        JsonNode allocated = storage("{\"path\": \"" + PG + "\", \"allocatedBytes\": -1, \"usedBytes\": 0}");
        assertThat(allocated.get("level").asText()).isEqualTo("unknown");
        assertThat(allocated.get("freePercent").isNull()).isTrue();
        assertThat(warnings(allocated)).hasSize(2).anySatisfy(w -> assertThat(w).contains("allocatedBytes -1 is negative"))
                .anySatisfy(w -> assertThat(w).contains("allocatedBytes is 0"));

        JsonNode size = backup("{\"path\": \"" + PG + "\", \"status\": \"success\", \"sizeBytes\": -5}");
        assertThat(size.get("status").asText()).isEqualTo("success");
        assertThat(warnings(size)).singleElement().asString().contains("sizeBytes -5 is negative");
        assertThat(service(PG).get("backup").get("size_bytes").asLong()).isZero();
    }

    @Test
    void usedMoreThanAllocatedIsClamped() {
        JsonNode r = storage("{\"path\": \"" + PG + "\", \"allocatedBytes\": 100, \"usedBytes\": 150}");
        assertThat(r.get("level").asText()).isEqualTo("critical");
        assertThat(r.get("freePercent").asDouble()).isEqualTo(0.0);
        assertThat(warnings(r)).singleElement().asString().contains("usedBytes 150 is more than allocatedBytes 100");
        JsonNode st = service(PG).get("storage");
        assertThat(st.get("used_bytes").asLong()).isEqualTo(100);
        assertThat(st.get("allocated_bytes").asLong()).isEqualTo(100);
        // equal is fine
        assertThat(warnings(storage("{\"path\": \"" + PG + "\", \"allocatedBytes\": 100, \"usedBytes\": 100}")))
                .isEmpty();
    }

    @Test
    void allocatedZeroMakesTheLevelUnknown() {
        HttpResponse<String> raw = post("storage", "{\"path\": \"" + PG + "\", \"allocatedBytes\": 0, \"usedBytes\": 0}");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo("{\"path\":\"" + PG + "\",\"created\":true,\"status\":\"UNKNOWN\","
                + "\"level\":\"unknown\",\"freePercent\":null,\"warnings\":[\"allocatedBytes is 0; the storage level "
                + "is unknown\"]}");
        assertThat(service(PG).get("storage").get("level").asText()).isEqualTo("unknown");
        assertThat(service(PG).get("storage").get("free_percent").isNull()).isTrue();
        // used above 0 is clamped to 0 as well, and the level stays unknown
        JsonNode r = storage("{\"path\": \"" + PG + "\", \"allocatedBytes\": 0, \"usedBytes\": 5}");
        assertThat(r.get("level").asText()).isEqualTo("unknown");
        assertThat(warnings(r)).hasSize(2);
    }

    @Test
    void freePercentOutsideZeroToHundredIsClamped() {
        JsonNode high = storage("{\"path\": \"" + PG + "\", \"freePercent\": 150}");
        assertThat(high.get("freePercent").asDouble()).isEqualTo(100.0);
        assertThat(high.get("level").asText()).isEqualTo("healthy");
        assertThat(warnings(high)).singleElement().asString().contains("freePercent 150").contains("clamped to 100");
        JsonNode low = storage("{\"path\": \"" + PG + "\", \"freePercent\": -5}");
        assertThat(low.get("freePercent").asDouble()).isEqualTo(0.0);
        assertThat(low.get("level").asText()).isEqualTo("critical");
        assertThat(warnings(low)).singleElement().asString().contains("clamped to 0");
        // the edges themselves are fine
        assertThat(warnings(storage("{\"path\": \"" + PG + "\", \"freePercent\": 100}"))).isEmpty();
        assertThat(warnings(storage("{\"path\": \"" + PG + "\", \"freePercent\": 0}"))).isEmpty();
        assertThat(service(PG).get("storage").get("free_percent").asDouble()).isEqualTo(0.0);
    }

    @Test
    void whenFreePercentDisagreesWithTheBytesTheBytesWin() {
        JsonNode r = storage("{\"path\": \"" + PG + "\", \"allocatedBytes\": 1000, \"usedBytes\": 500, "
                + "\"freePercent\": 80}");
        assertThat(r.get("freePercent").asDouble()).isEqualTo(50.0);
        assertThat(r.get("level").asText()).isEqualTo("healthy");
        assertThat(warnings(r)).singleElement().asString().contains("disagrees").contains("bytes win");
        // within one point is agreement: no warning, and still the bytes' figure
        JsonNode close = storage("{\"path\": \"" + PG + "\", \"allocatedBytes\": 1000, \"usedBytes\": 500, "
                + "\"freePercent\": 51}");
        assertThat(close.get("freePercent").asDouble()).isEqualTo(50.0);
        assertThat(warnings(close)).isEmpty();
        JsonNode justOver = storage("{\"path\": \"" + PG + "\", \"allocatedBytes\": 1000, \"usedBytes\": 500, "
                + "\"freePercent\": 48.9}");
        assertThat(justOver.get("freePercent").asDouble()).isEqualTo(50.0);
        assertThat(warnings(justOver)).singleElement().asString().contains("bytes win");
        // a clamped percent that disagrees: both warnings, the bytes win
        JsonNode both = storage("{\"path\": \"" + PG + "\", \"allocatedBytes\": 1000, \"usedBytes\": 950, "
                + "\"freePercent\": 140}");
        assertThat(both.get("freePercent").asDouble()).isEqualTo(5.0);
        assertThat(both.get("level").asText()).isEqualTo("critical");
        assertThat(warnings(both)).hasSize(2);
    }

    @Test
    void levelBoundariesThirtyAndTenPercentAreWarning() {
        // exactly 30 % free (the seed's volume, 70 % used): warning, inclusive
        JsonNode thirty = storage("{\"path\": \"" + PG + "\", \"allocatedBytes\": 107374182400, "
                + "\"usedBytes\": 75161927680}");
        assertThat(thirty.get("freePercent").asDouble()).isEqualTo(30.0);
        assertThat(thirty.get("level").asText()).isEqualTo("warning");
        assertThat(warnings(thirty)).isEmpty();
        // just above 30: healthy
        JsonNode above = storage("{\"path\": \"" + PG + "\", \"allocatedBytes\": 1000, \"usedBytes\": 699}");
        assertThat(above.get("freePercent").asDouble()).isEqualTo(30.1);
        assertThat(above.get("level").asText()).isEqualTo("healthy");
        // exactly 10 %: warning, inclusive
        JsonNode ten = storage("{\"path\": \"" + PG + "\", \"allocatedBytes\": 100, \"usedBytes\": 90}");
        assertThat(ten.get("freePercent").asDouble()).isEqualTo(10.0);
        assertThat(ten.get("level").asText()).isEqualTo("warning");
        // just below 10: critical
        JsonNode below = storage("{\"path\": \"" + PG + "\", \"allocatedBytes\": 1000, \"usedBytes\": 901}");
        assertThat(below.get("freePercent").asDouble()).isEqualTo(9.9);
        assertThat(below.get("level").asText()).isEqualTo("critical");

        // the same boundaries given as freePercent alone
        assertThat(storage("{\"path\": \"x/y/z/w/v\", \"freePercent\": 30}").get("level").asText()).isEqualTo("warning");
        assertThat(storage("{\"path\": \"x/y/z/w/v\", \"freePercent\": 30.01}").get("level").asText())
                .isEqualTo("healthy");
        assertThat(storage("{\"path\": \"x/y/z/w/v\", \"freePercent\": 10}").get("level").asText()).isEqualTo("warning");
        assertThat(storage("{\"path\": \"x/y/z/w/v\", \"freePercent\": 9.99}").get("level").asText())
                .isEqualTo("critical");

        // each level change is a storage transition
        JsonNode history = json(adminGet("/api/v1/services/" + PG + "/history"));
        assertThat(history.get("transitions")).extracting(t -> t.get("aspect").asText() + ":" + t.get("to").asText())
                .containsExactly("storage:CRITICAL", "storage:WARNING", "storage:HEALTHY", "storage:WARNING");
    }

    // ---- statuses ----

    @Test
    void unknownHealthStatusIsStoredAsUnknownWithAWarning() {
        JsonNode r = health("{\"path\": \"" + PG + "\", \"status\": \"BROKEN\"}");
        assertThat(r.get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(warnings(r)).singleElement().asString().contains("'BROKEN'").contains("UNKNOWN");
        assertThat(service(PG).get("status").asText()).isEqualTo("UNKNOWN");
        JsonNode missing = health("{\"path\": \"" + PG + "\"}");
        assertThat(missing.get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(warnings(missing)).singleElement().asString().contains("status is missing");
    }

    @Test
    void healthStatusIsMatchedWithoutRegardToCase() {
        HttpResponse<String> r = post("health", "{\"path\": \"" + PG + "\", \"status\": \"operational\"}");
        assertThat(r.body()).isEqualTo("{\"path\":\"" + PG + "\",\"created\":true,\"status\":\"OPERATIONAL\","
                + "\"warnings\":[]}");
        for (String s : List.of("Degraded", "down", "maintenance", "unknown", "Operational")) {
            JsonNode n = health("{\"path\": \"" + PG + "\", \"status\": \"" + s + "\"}");
            assertThat(n.get("status").asText()).isEqualTo(s.toUpperCase());
            assertThat(warnings(n)).as(s).isEmpty();
        }
    }

    @Test
    void unknownBackupStatusIsRecordedAsFailedWithAWarning() {
        JsonNode r = backup("{\"path\": \"" + PG + "\", \"status\": \"done\"}");
        assertThat(r.get("status").asText()).isEqualTo("failed");
        assertThat(r.get("paths")).extracting(JsonNode::asText).containsExactly(PG);
        assertThat(warnings(r)).singleElement().asString().contains("'done'").contains("failed");
        assertThat(service(PG).get("backup").get("last_status").asText()).isEqualTo("failed");
        assertThat(service(PG).get("backup").get("alert").asText()).isEqualTo("FAILED");
        // case does not matter for the known ones
        JsonNode ok = backup("{\"path\": \"" + PG + "\", \"status\": \"SUCCESS\"}");
        assertThat(ok.get("status").asText()).isEqualTo("success");
        assertThat(warnings(ok)).isEmpty();
        assertThat(backup("{\"path\": \"" + PG + "\", \"status\": \"Partial\"}").get("status").asText())
                .isEqualTo("partial");
    }

    // ---- types ----

    @Test
    void numbersGivenAsStringsAreCoercedWithoutAWarning() {
        JsonNode r = storage("{\"path\": \"" + PG + "\", \"allocatedBytes\": \"100\", \"usedBytes\": \" 40 \"}");
        assertThat(r.get("freePercent").asDouble()).isEqualTo(60.0);
        assertThat(warnings(r)).isEmpty();
        JsonNode percent = storage("{\"path\": \"x/y/z/w/v\", \"freePercent\": \"45.5\"}");
        assertThat(percent.get("freePercent").asDouble()).isEqualTo(45.5);
        assertThat(warnings(percent)).isEmpty();
        JsonNode size = backup("{\"path\": \"" + PG + "\", \"status\": \"success\", \"sizeBytes\": \"5242880\"}");
        assertThat(warnings(size)).isEmpty();
        assertThat(service(PG).get("backup").get("size_bytes").asLong()).isEqualTo(5242880);
        // and a number where a string belongs, a single string where a list belongs
        JsonNode h = health("{\"path\": \"" + PG + "\", \"status\": \"OPERATIONAL\", \"message\": 42, "
                + "\"tags\": \"database\"}");
        assertThat(warnings(h)).isEmpty();
        assertThat(service(PG).get("message").asText()).isEqualTo("42");
        assertThat(texts(service(PG).get("tags"))).containsExactly("database", "storage");
    }

    @Test
    void aWrongTypeThatCannotBeCoercedIsIgnoredWithAWarning() {
        storage("{\"path\": \"" + PG + "\", \"allocatedBytes\": 1000, \"usedBytes\": 100}");
        JsonNode r = storage("{\"path\": \"" + PG + "\", \"allocatedBytes\": \"abc\", \"usedBytes\": 500}");
        assertThat(r.get("freePercent").asDouble()).isEqualTo(50.0); // the stored 1000 bytes
        assertThat(warnings(r)).singleElement().asString().contains("allocatedBytes").contains("\"abc\"")
                .contains("ignored");
        assertThat(service(PG).get("storage").get("allocated_bytes").asLong()).isEqualTo(1000);

        JsonNode m = health("{\"path\": \"" + PG + "\", \"status\": \"DOWN\", \"message\": {\"text\": \"disk\"}}");
        assertThat(m.get("status").asText()).isEqualTo("DOWN");
        assertThat(warnings(m)).singleElement().asString().contains("message").contains("an object")
                .contains("ignored");
        assertThat(service(PG).get("message").isNull()).isTrue();

        JsonNode fraction = backup("{\"path\": \"" + PG + "\", \"status\": \"success\", \"sizeBytes\": 1.5}");
        assertThat(warnings(fraction)).singleElement().asString().contains("sizeBytes").contains("ignored");
        JsonNode status = health("{\"path\": \"" + PG + "\", \"status\": [\"DOWN\"]}");
        assertThat(status.get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(warnings(status)).hasSize(2).first().asString().contains("status").contains("an array");
    }

    @Test
    void unknownFieldsAreIgnoredWithAWarning() {
        JsonNode h = health("{\"path\": \"" + PG + "\", \"status\": \"OPERATIONAL\", \"hostname\": \"db1\"}");
        assertThat(h.get("status").asText()).isEqualTo("OPERATIONAL");
        assertThat(warnings(h)).containsExactly("unknown field 'hostname' was ignored");
        JsonNode s = storage("{\"path\": \"" + PG + "\", \"freePercent\": 50, \"allocated_bytes\": 100}");
        assertThat(warnings(s)).containsExactly("unknown field 'allocated_bytes' was ignored");
        JsonNode b = backup("{\"path\": \"" + PG + "\", \"status\": \"success\", \"duration\": 12}");
        assertThat(warnings(b)).containsExactly("unknown field 'duration' was ignored");
    }

    @Test
    void nulCharactersAreReplacedWithAWarning() {
        JsonNode h = health("{\"path\": \"" + PG + "\", \"status\": \"DOWN\", \"message\": \"disk\\u0000full\"}");
        assertThat(warnings(h)).containsExactly(
                "message: NUL characters and unpaired surrogates cannot be stored and were replaced with U+FFFD");
        assertThat(service(PG).get("message").asText()).isEqualTo("disk\ufffdfull");
        JsonNode b = backup("{\"path\": \"" + PG + "\", \"status\": \"failed\", \"message\": \"x\\u0000\"}");
        assertThat(warnings(b)).singleElement().asString().startsWith("message: NUL characters");
        assertThat(service(PG).get("backup").get("message").asText()).isEqualTo("x\ufffd");
        JsonNode tag = health("{\"path\": \"" + PG + "\", \"status\": \"DOWN\", \"tags\": [\"a\\u0000b\"]}");
        assertThat(warnings(tag)).singleElement().asString().contains("NUL characters");
        assertThat(texts(service(PG).get("tags"))).containsExactly("a\ufffdb");
    }

    @Test
    void nonAsciiTextArrivesIntactWhateverTheContentType() {
        String message = "Gr\u00f6\u00dfe \u2713 \u65e5\u672c & 100% = ok";
        String body = "{\"path\": \"" + PG + "\", \"status\": \"DEGRADED\", \"message\": \"" + message + "\"}";
        for (String type : List.of("application/json", "application/json; charset=utf-8",
                "application/x-www-form-urlencoded", "text/plain", "")) {
            var req = request("/api/v1/health/report").header("X-API-Key", REPORTS_KEY)
                    .POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (!type.isEmpty()) {
                req.header("Content-Type", type);
            }
            HttpResponse<String> r = send(req);
            assertThat(r.statusCode()).as(type + ": " + r.body()).isEqualTo(200);
            assertThat(warnings(json(r))).as(type).isEmpty();
            assertThat(service(PG).get("message").asText()).as(type).isEqualTo(message);
        }
    }

    // ---- what reports keep ----

    @Test
    void fieldsLeftOutKeepTheirStoredValue() {
        storage("{\"path\": \"" + PG + "\", \"allocatedBytes\": 1000, \"usedBytes\": 100, \"storageType\": \"pvc\", "
                + "\"mountPath\": \"/var/lib/postgresql\"}");
        JsonNode r = storage("{\"path\": \"" + PG + "\", \"usedBytes\": 950}");
        assertThat(r.get("created").asBoolean()).isFalse();
        assertThat(r.get("freePercent").asDouble()).isEqualTo(5.0);
        assertThat(r.get("level").asText()).isEqualTo("critical");
        assertThat(warnings(r)).isEmpty();
        JsonNode st = service(PG).get("storage");
        assertThat(st.get("allocated_bytes").asLong()).isEqualTo(1000);
        assertThat(st.get("used_bytes").asLong()).isEqualTo(950);
        assertThat(st.get("storage_type").asText()).isEqualTo("pvc");
        assertThat(st.get("mount_path").asText()).isEqualTo("/var/lib/postgresql");
        // a report with no figures at all keeps the last level
        JsonNode none = storage("{\"path\": \"" + PG + "\", \"storageType\": \"nfs\"}");
        assertThat(none.get("level").asText()).isEqualTo("critical");
        assertThat(service(PG).get("storage").get("storage_type").asText()).isEqualTo("nfs");

        health("{\"path\": \"" + PG + "\", \"status\": \"OPERATIONAL\", \"criticality\": \"critical\", "
                + "\"slaGroup\": \"db\", \"serviceType\": \"database\", \"namespace\": \"data\"}");
        health("{\"path\": \"" + PG + "\", \"status\": \"DEGRADED\"}");
        JsonNode s = service(PG);
        assertThat(s.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(s.get("criticality").asText()).isEqualTo("critical");
        assertThat(s.get("sla_group").asText()).isEqualTo("db");
        assertThat(s.get("service_type").asText()).isEqualTo("database");
        assertThat(s.get("namespace").asText()).isEqualTo("data");
        // a later report changes what it carries
        health("{\"path\": \"" + PG + "\", \"status\": \"DEGRADED\", \"criticality\": \"low\"}");
        assertThat(service(PG).get("criticality").asText()).isEqualTo("low");
        assertThat(service(PG).get("sla_group").asText()).isEqualTo("db");
    }

    @Test
    void tagsAccumulateAndTheStorageTagStays() {
        health("{\"path\": \"" + PG + "\", \"status\": \"OPERATIONAL\", \"tags\": [\"database\"]}");
        storage("{\"path\": \"" + PG + "\", \"freePercent\": 50}");
        health("{\"path\": \"" + PG + "\", \"status\": \"OPERATIONAL\", \"tags\": [\"postgres\"]}");
        assertThat(texts(service(PG).get("tags"))).containsExactly("database", "postgres", "storage");
        health("{\"path\": \"" + PG + "\", \"status\": \"OPERATIONAL\", \"tags\": []}");
        health("{\"path\": \"" + PG + "\", \"status\": \"OPERATIONAL\"}");
        assertThat(texts(service(PG).get("tags"))).containsExactly("database", "postgres", "storage");
        // a declaration without tags does not remove the reported ones either
        HttpResponse<String> put = send(admin("/api/v1/services/" + PG).PUT(BodyPublishers.ofString(
                "{\"criticality\": \"high\", \"tags\": [\"team-data\"]}")));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(texts(json(put).get("tags"))).containsExactly("database", "postgres", "storage", "team-data");
        health("{\"path\": \"" + PG + "\", \"status\": \"OPERATIONAL\", \"criticality\": \"low\"}");
        JsonNode s = service(PG);
        assertThat(s.get("criticality").asText()).as("declared wins").isEqualTo("high");
        assertThat(texts(s.get("tags"))).containsExactly("database", "postgres", "storage", "team-data");
    }

    // ---- what is refused ----

    @Test
    void onlyABodyThatIsNotAJsonObjectIsA400() {
        for (String kind : List.of("health", "storage", "backup")) {
            assertThat(error(post(kind, "{\"path\": "), 400)).as(kind).startsWith("Malformed JSON");
            assertThat(error(post(kind, "{path: a}"), 400)).startsWith("Malformed JSON");
            assertThat(error(post(kind, "[{\"path\": \"" + PG + "\"}]"), 400)).contains("must be a JSON object")
                    .contains("an array");
            assertThat(error(post(kind, ""), 400)).contains("Request body is required");
            assertThat(error(send(request("/api/v1/" + kind + "/report").header("X-API-Key", REPORTS_KEY)
                    .POST(BodyPublishers.noBody())), 400)).contains("Request body is required");
            assertThat(error(post(kind, "\"OPERATIONAL\""), 400)).contains("must be a JSON object");
            assertThat(error(post(kind, "null"), 400)).contains("must be a JSON object");
            assertThat(error(post(kind, "42"), 400)).contains("must be a JSON object");
            // what a form would send, under curl's form Content-Type
            assertThat(error(send(request("/api/v1/" + kind + "/report").header("X-API-Key", REPORTS_KEY)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(BodyPublishers.ofString("path=a/b/c/d/e&status=DOWN"))), 400)).startsWith("Malformed JSON");
            // an empty object is a JSON object: accepted, padded, warned
            JsonNode empty = report(kind, "{}");
            assertThat(warnings(empty)).isNotEmpty();
        }
        assertThat(servicePaths()).containsExactly("unknown/unknown/unknown/unknown/unknown");
    }

    @Test
    void aMissingOrWrongKeyIs401() {
        for (String kind : List.of("health", "storage", "backup")) {
            String path = "/api/v1/" + kind + "/report";
            String body = "{\"path\": \"" + PG + "\", \"status\": \"success\"}";
            assertThat(error(send(request(path).POST(BodyPublishers.ofString(body))), 401))
                    .isEqualTo("Missing X-API-Key header");
            assertThat(error(send(request(path).header("X-API-Key", "wrong-key-0123456789")
                    .POST(BodyPublishers.ofString(body))), 401)).isEqualTo("Invalid API key");
            // the key is checked before the body: a bad body with a bad key is a 401
            assertThat(error(send(request(path).POST(BodyPublishers.ofString("[1"))), 401))
                    .isEqualTo("Missing X-API-Key header");
        }
        assertThat(servicePaths()).isEmpty();
    }

    @Test
    void aReportsKeyMayReportButNotRead() {
        assertThat(health("{\"path\": \"" + PG + "\", \"status\": \"OPERATIONAL\"}").get("created").asBoolean())
                .isTrue();
        for (String path : List.of("/api/v1/services", "/api/v1/services/tree", "/api/v1/services/" + PG,
                "/api/v1/services/" + PG + "/history", "/api/v1/monitors")) {
            assertThat(error(send(request(path).header("X-API-Key", REPORTS_KEY).GET()), 403)).as(path)
                    .isEqualTo("The credentials lack the required scope admin");
        }
        assertThat(error(send(request("/api/v1/services/" + PG).header("X-API-Key", REPORTS_KEY)
                .PUT(BodyPublishers.ofString("{}"))), 403)).contains("scope admin");
        assertThat(error(send(request("/api/v1/services/" + PG).header("X-API-Key", REPORTS_KEY).DELETE()), 403))
                .contains("scope admin");
        // the admin key (no scopes: full access) may do both
        assertThat(send(admin("/api/v1/health/report").POST(BodyPublishers.ofString(
                "{\"path\": \"" + PG + "\", \"status\": \"DOWN\"}"))).statusCode()).isEqualTo(200);
        assertThat(service(PG).get("status").asText()).isEqualTo("DOWN");
    }

    @Test
    void aBodyOverSixtyFourKibibytesIs413() {
        String big = "{\"path\": \"" + PG + "\", \"status\": \"DOWN\", \"message\": \"" + "x".repeat(70 * 1024) + "\"}";
        for (String kind : List.of("health", "storage", "backup")) {
            // chunked: the limit holds while reading
            assertThat(error(send(request("/api/v1/" + kind + "/report").header("X-API-Key", REPORTS_KEY)
                    .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                            big.getBytes(StandardCharsets.UTF_8))))), 413)).as(kind).contains("65536");
            // with a declared length, as curl sends it (Expect: 100-continue): refused before the body comes
            String answer = RawHttp.head(base, "POST /api/v1/" + kind + "/report HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-API-Key: " + REPORTS_KEY + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + big.length() + "\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 413 ").doesNotContain("100 Continue")
                    .contains("Request body is too large");
        }
        assertThat(servicePaths()).isEmpty();
        // just under the limit is fine (the message is cut, with a warning)
        String under = "{\"path\": \"" + PG + "\", \"status\": \"DOWN\", \"message\": \"" + "x".repeat(60 * 1024) + "\"}";
        JsonNode r = health(under);
        assertThat(r.get("created").asBoolean()).isTrue();
        assertThat(warnings(r)).singleElement().asString().contains("message was cut");
    }
}
