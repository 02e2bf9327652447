package dev.vigil.http.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The services' read and declaration API over HTTP (issue 13, snake_case like the rest of the admin API): backup
 * fan-out by slaGroup and namespace, {@code GET /api/v1/services} with its filters and paging, the tree, PUT, DELETE
 * and history.
 */
class ServiceReadApiTest extends ServletTestBase {
    static final String G1 = "myorg/infra/prod/baremetal/galera-node1";
    static final String G2 = "myorg/infra/prod/baremetal/galera-node2";
    static final String PG = "myorg/platform/prod/cluster1/postgresql";
    static final String OTHER = "other/apps/dev/k8s/web";

    @Override
    protected String prefix() {
        return "";
    }

    private JsonNode report(String kind, String body) {
        HttpResponse<String> r = adminPost("/api/v1/" + kind + "/report", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    private HttpResponse<String> put(String path, String body) {
        return send(admin("/api/v1/services/" + path).PUT(BodyPublishers.ofString(body)));
    }

    private JsonNode declare(String path, String body) {
        HttpResponse<String> r = put(path, body);
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        return json(r);
    }

    private JsonNode service(String path) {
        HttpResponse<String> r = adminGet("/api/v1/services/" + path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private List<String> listed(String query) {
        HttpResponse<String> r = adminGet("/api/v1/services" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        json(r).get("services").forEach(s -> out.add(s.get("path").asText()));
        return out;
    }

    // ---- backup fan-out ----

    @Test
    void backupBySlaGroupReachesOnlyMembersExpectingBackups() {
        assertThat(put("a/b/c/d/db1", "{\"sla_group\": \"db\", \"backup\": {\"expected\": true}}").statusCode())
                .isEqualTo(201);
        declare("a/b/c/d/db2", "{\"sla_group\": \"db\", \"backup\": {\"expected\": true}}");
        // in the group, but not expecting backups: declared so, or only reported into the group
        declare("a/b/c/d/db3", "{\"sla_group\": \"db\"}");
        report("health", "{\"path\": \"a/b/c/d/db4\", \"status\": \"OPERATIONAL\", \"slaGroup\": \"db\"}");
        // expecting backups, in another group
        declare("a/b/c/d/web", "{\"sla_group\": \"web\", \"backup\": {\"expected\": true}}");
        // expecting backups (by a backup report by path), in the group by its health report
        report("backup", "{\"path\": \"a/b/c/d/db5\", \"status\": \"success\"}");
        report("health", "{\"path\": \"a/b/c/d/db5\", \"status\": \"OPERATIONAL\", \"slaGroup\": \"db\"}");

        clock.advance(Duration.ofHours(1));
        JsonNode r = report("backup", "{\"slaGroup\": \"db\", \"status\": \"partial\", \"sizeBytes\": 1024, "
                + "\"message\": \"one table skipped\"}");
        assertThat(r.toString()).isEqualTo("{\"paths\":[\"a/b/c/d/db1\",\"a/b/c/d/db2\",\"a/b/c/d/db5\"],"
                + "\"status\":\"partial\",\"warnings\":[]}");
        for (String p : List.of("a/b/c/d/db1", "a/b/c/d/db2", "a/b/c/d/db5")) {
            JsonNode b = service(p).get("backup");
            assertThat(b.get("last_status").asText()).as(p).isEqualTo("partial");
            assertThat(b.get("alert").asText()).isEqualTo("PARTIAL");
            assertThat(b.get("size_bytes").asLong()).isEqualTo(1024);
            assertThat(b.get("message").asText()).isEqualTo("one table skipped");
            assertThat(b.get("last_report_at").asText()).isEqualTo("2025-01-15T13:00:00Z");
        }
        for (String p : List.of("a/b/c/d/db3", "a/b/c/d/db4", "a/b/c/d/web")) {
            JsonNode b = service(p).get("backup");
            assertThat(b.get("last_status").isNull()).as(p).isTrue();
            assertThat(b.get("alert").asText()).as(p).isEqualTo("NONE");
        }
        // a fan-out does not make anyone expect backups
        assertThat(service("a/b/c/d/db3").get("backup").get("expected").asBoolean()).isFalse();
        assertThat(json(adminGet("/api/v1/services/a/b/c/d/db1/history")).get("transitions"))
                .extracting(t -> t.get("aspect").asText() + ":" + t.get("to").asText())
                .containsExactly("backup:PARTIAL");
    }

    @Test
    void backupByNamespaceReachesOnlyMembersExpectingBackups() {
        declare(PG, "{\"namespace\": \"data\", \"backup\": {\"expected\": true, \"max_age\": \"12h\"}}");
        report("health", "{\"path\": \"" + G1 + "\", \"status\": \"OPERATIONAL\", \"namespace\": \"data\"}");
        report("backup", "{\"path\": \"" + G2 + "\", \"status\": \"success\"}");
        report("health", "{\"path\": \"" + G2 + "\", \"status\": \"OPERATIONAL\", \"namespace\": \"data\"}");
        declare(OTHER, "{\"namespace\": \"web\", \"backup\": {\"expected\": true}}");

        JsonNode r = report("backup", "{\"namespace\": \"data\", \"status\": \"failed\", \"message\": \"bucket gone\"}");
        assertThat(r.toString()).isEqualTo("{\"paths\":[\"" + G2 + "\",\"" + PG + "\"],\"status\":\"failed\","
                + "\"warnings\":[]}");
        assertThat(service(PG).get("backup").get("alert").asText()).isEqualTo("FAILED");
        assertThat(service(G2).get("backup").get("alert").asText()).isEqualTo("FAILED");
        assertThat(service(G1).get("backup").get("alert").asText()).isEqualTo("NONE");
        assertThat(service(OTHER).get("backup").get("alert").asText()).isEqualTo("NONE");
        vigil.tick();
        assertThat(sent.transitions()).extracting(t -> t.key() + ":" + t.to())
                .containsExactlyInAnyOrder(G2 + ":FAILED", PG + ":FAILED");
    }

    @Test
    void backupReachingNoneIsA200WithAWarning() {
        JsonNode none = report("backup", "{\"slaGroup\": \"nobody\", \"status\": \"success\"}");
        assertThat(none.get("paths")).isEmpty();
        assertThat(none.get("status").asText()).isEqualTo("success");
        assertThat(texts(none.get("warnings"))).singleElement().asString().contains("slaGroup 'nobody'")
                .contains("backup.expected=true");
        // members, but none expecting backups
        report("health", "{\"path\": \"" + G1 + "\", \"status\": \"OPERATIONAL\", \"namespace\": \"data\"}");
        JsonNode unexpected = report("backup", "{\"namespace\": \"data\", \"status\": \"success\"}");
        assertThat(unexpected.get("paths")).isEmpty();
        assertThat(texts(unexpected.get("warnings"))).singleElement().asString().contains("namespace 'data'");
        // nothing was created or recorded
        assertThat(listed("")).containsExactly(G1);
        assertThat(service(G1).get("backup").get("last_status").isNull()).isTrue();
    }

    @Test
    void backupAddressingPrecedenceIsWarned() {
        declare(PG, "{\"sla_group\": \"db\", \"namespace\": \"data\", \"backup\": {\"expected\": true}}");
        declare(G1, "{\"sla_group\": \"db\", \"backup\": {\"expected\": true}}");
        JsonNode byPath = report("backup", "{\"path\": \"" + PG + "\", \"slaGroup\": \"db\", \"status\": \"success\"}");
        assertThat(texts(byPath.get("paths"))).containsExactly(PG);
        assertThat(texts(byPath.get("warnings"))).singleElement().asString().contains("path is given");
        JsonNode byGroup = report("backup", "{\"slaGroup\": \"db\", \"namespace\": \"data\", \"status\": \"success\"}");
        assertThat(texts(byGroup.get("paths"))).containsExactly(G1, PG);
        assertThat(texts(byGroup.get("warnings"))).singleElement().asString().contains("namespace was ignored");
    }

    // ---- list ----

    private void fourServices() {
        report("health", "{\"path\": \"" + G1 + "\", \"status\": \"OPERATIONAL\", \"criticality\": \"critical\", "
                + "\"slaGroup\": \"database-cluster\", \"tags\": [\"database\", \"baremetal\"]}");
        report("health", "{\"path\": \"" + G2 + "\", \"status\": \"DOWN\", \"criticality\": \"critical\", "
                + "\"slaGroup\": \"database-cluster\"}");
        report("storage", "{\"path\": \"" + PG + "\", \"allocatedBytes\": 100, \"usedBytes\": 50}");
        report("health", "{\"path\": \"" + PG + "\", \"status\": \"DEGRADED\", \"namespace\": \"data\", "
                + "\"criticality\": \"high\"}");
        report("health", "{\"path\": \"" + OTHER + "\", \"status\": \"OPERATIONAL\", \"namespace\": \"data\"}");
    }

    @Test
    void listFiltersByTagStatusSlaGroupNamespacePathPrefixAndCriticality() {
        fourServices();
        assertThat(listed("")).containsExactly(G1, G2, PG, OTHER);
        assertThat(listed("?tag=storage")).containsExactly(PG);
        assertThat(listed("?tag=database")).containsExactly(G1);
        assertThat(listed("?tag=nothing")).isEmpty();
        assertThat(listed("?status=DOWN")).containsExactly(G2);
        assertThat(listed("?status=operational")).containsExactly(G1, OTHER);
        assertThat(listed("?status=UNKNOWN")).isEmpty();
        assertThat(listed("?sla_group=database-cluster")).containsExactly(G1, G2);
        assertThat(listed("?namespace=data")).containsExactly(PG, OTHER);
        assertThat(listed("?path_prefix=myorg/infra/")).containsExactly(G1, G2);
        assertThat(listed("?path_prefix=myorg/")).containsExactly(G1, G2, PG);
        assertThat(listed("?path_prefix=zzz")).isEmpty();
        assertThat(listed("?criticality=critical")).containsExactly(G1, G2);
        assertThat(listed("?criticality=high")).containsExactly(PG);
        // filters combine
        assertThat(listed("?sla_group=database-cluster&status=OPERATIONAL")).containsExactly(G1);
        assertThat(listed("?namespace=data&tag=storage&criticality=high&path_prefix=myorg/platform"))
                .containsExactly(PG);
        // empty values are no filter
        assertThat(listed("?tag=&status=")).hasSize(4);
        // declared attributes count too
        declare(OTHER, "{\"criticality\": \"critical\", \"tags\": [\"frontend\"]}");
        assertThat(listed("?criticality=critical")).containsExactly(G1, G2, OTHER);
        assertThat(listed("?tag=frontend")).containsExactly(OTHER);

        assertThat(error(adminGet("/api/v1/services?status=BROKEN"), 400)).contains("status must be one of");
        JsonNode one = json(adminGet("/api/v1/services?tag=storage")).get("services").get(0);
        assertThat(one.get("path").asText()).isEqualTo(PG);
        assertThat(one.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(one.get("storage").get("level").asText()).isEqualTo("healthy");
    }

    @Test
    void listPagesWithLimitAfterAndNextAfter() {
        fourServices();
        JsonNode first = json(adminGet("/api/v1/services?limit=3"));
        assertThat(first.get("services")).extracting(s -> s.get("path").asText()).containsExactly(G1, G2, PG);
        assertThat(first.get("next_after").asText()).isEqualTo(PG);
        JsonNode second = json(adminGet("/api/v1/services?limit=3&after=" + first.get("next_after").asText()));
        assertThat(second.get("services")).extracting(s -> s.get("path").asText()).containsExactly(OTHER);
        assertThat(second.get("next_after").isNull()).isTrue();
        // a page that ends exactly at the end points at an empty one
        JsonNode two = json(adminGet("/api/v1/services?limit=2&after=" + G2));
        assertThat(two.get("services")).extracting(s -> s.get("path").asText()).containsExactly(PG, OTHER);
        JsonNode empty = json(adminGet("/api/v1/services?limit=2&after=" + two.get("next_after").asText()));
        assertThat(empty.get("services")).isEmpty();
        assertThat(empty.get("next_after").isNull()).isTrue();
        // paging with a filter
        JsonNode filtered = json(adminGet("/api/v1/services?criticality=critical&limit=1"));
        assertThat(filtered.get("services")).extracting(s -> s.get("path").asText()).containsExactly(G1);
        assertThat(listed("?criticality=critical&limit=1&after=" + filtered.get("next_after").asText()))
                .containsExactly(G2);
        // everything when no limit is given; bad limits are 400
        assertThat(json(adminGet("/api/v1/services")).get("next_after").isNull()).isTrue();
        for (String bad : List.of("0", "-1", "abc", "1001")) {
            assertThat(error(adminGet("/api/v1/services?limit=" + bad), 400)).as(bad).contains("limit must be");
        }
        assertThat(listed("?limit=1000")).hasSize(4);
    }

    // ---- tree ----

    @Test
    void treeRollsUpTheWorstStatusAndFlagsTheUnknownBranch() {
        fourServices();
        report("health", "{\"path\": \"a/b\", \"status\": \"OPERATIONAL\"}");
        report("health", "{\"status\": \"OPERATIONAL\"}");
        report("health", "{\"path\": \"\", \"status\": \"DEGRADED\"}");
        report("storage", "{\"freePercent\": 5}");
        // folded, but not in the unknown branch
        report("health", "{\"path\": \"other/apps/dev/k8s/web/extra\", \"status\": \"MAINTENANCE\"}");

        HttpResponse<String> r = adminGet("/api/v1/services/tree");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("services").asInt()).isEqualTo(7);
        JsonNode tree = body.get("tree");
        assertThat(tree).extracting(n -> n.get("name").asText()).containsExactly("myorg", "other", "unknown");

        JsonNode myorg = tree.get(0);
        assertThat(myorg.get("path").asText()).isEqualTo("myorg");
        assertThat(myorg.get("level").asText()).isEqualTo("org");
        assertThat(myorg.get("status").asText()).isEqualTo("DOWN");
        assertThat(myorg.get("services").asInt()).isEqualTo(3);
        assertThat(myorg.has("unknown_branch")).isFalse();
        assertThat(myorg.has("misconfigured_reports")).isFalse();
        JsonNode infra = myorg.get("children").get(0);
        JsonNode platform = myorg.get("children").get(1);
        assertThat(infra.get("path").asText()).isEqualTo("myorg/infra");
        assertThat(infra.get("level").asText()).isEqualTo("domain");
        assertThat(infra.get("status").asText()).isEqualTo("DOWN");
        assertThat(platform.get("status").asText()).isEqualTo("DEGRADED");
        JsonNode baremetal = infra.get("children").get(0).get("children").get(0);
        assertThat(baremetal.get("path").asText()).isEqualTo("myorg/infra/prod/baremetal");
        assertThat(baremetal.get("level").asText()).isEqualTo("cluster");
        assertThat(baremetal.get("services").asInt()).isEqualTo(2);
        JsonNode leaves = baremetal.get("children");
        assertThat(leaves).extracting(n -> n.get("path").asText() + "=" + n.get("status").asText())
                .containsExactly(G1 + "=OPERATIONAL", G2 + "=DOWN");
        assertThat(leaves.get(0).get("level").asText()).isEqualTo("service");
        assertThat(leaves.get(0).get("services").asInt()).isEqualTo(1);
        assertThat(leaves.get(0).has("children")).isFalse();

        JsonNode other = tree.get(1);
        assertThat(other.get("services").asInt()).isEqualTo(2);
        assertThat(other.get("status").asText()).isEqualTo("MAINTENANCE");
        assertThat(other.has("unknown_branch")).isFalse();

        JsonNode unknown = tree.get(2);
        assertThat(unknown.get("unknown_branch").asBoolean()).isTrue();
        // a/b once, no path three times (health twice, storage once)
        assertThat(unknown.get("misconfigured_reports").asLong()).isEqualTo(4);
        assertThat(unknown.get("services").asInt()).isEqualTo(2);
        // b is OPERATIONAL, unknown/.../unknown DEGRADED (its last report): the worse rolls up
        assertThat(unknown.get("status").asText()).isEqualTo("DEGRADED");
        JsonNode unknownLeaves = unknown.get("children").get(0).get("children").get(0).get("children").get(0)
                .get("children");
        assertThat(unknownLeaves).extracting(n -> n.get("path").asText())
                .containsExactly("unknown/unknown/unknown/unknown/b", "unknown/unknown/unknown/unknown/unknown");
        // the banner counts live on the services too
        assertThat(service("unknown/unknown/unknown/unknown/b").get("misconfigured_reports").asLong()).isEqualTo(1);
        assertThat(service("unknown/unknown/unknown/unknown/unknown").get("misconfigured_reports").asLong())
                .isEqualTo(3);
    }

    @Test
    void treeOfNothingAndTreeAfterStaleHealth() {
        assertThat(adminGet("/api/v1/services/tree").body()).isEqualTo("{\"services\":0,\"tree\":[]}");
        report("health", "{\"path\": \"" + G1 + "\", \"status\": \"OPERATIONAL\"}");
        report("health", "{\"path\": \"" + G2 + "\", \"status\": \"OPERATIONAL\"}");
        assertThat(json(adminGet("/api/v1/services/tree")).get("tree").get(0).get("status").asText())
                .isEqualTo("OPERATIONAL");
        clock.advance(Duration.ofMinutes(4));
        report("health", "{\"path\": \"" + G2 + "\", \"status\": \"OPERATIONAL\"}");
        clock.advance(Duration.ofMinutes(1).plusSeconds(1)); // G1's last report is 5 min 1 s old: stale
        vigil.tick();
        JsonNode g1 = service(G1);
        assertThat(g1.get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(g1.get("status_reason").asText()).isEqualTo("stale");
        assertThat(service(G2).get("status").asText()).isEqualTo("OPERATIONAL");
        assertThat(json(adminGet("/api/v1/services/tree")).get("tree").get(0).get("status").asText())
                .isEqualTo("UNKNOWN");
        assertThat(listed("?status=UNKNOWN")).containsExactly(G1);
    }

    // ---- PUT ----

    @Test
    void putCreatesWith201AndReplacesWith200() {
        HttpResponse<String> created = put(PG, """
                {"criticality": "high", "sla_group": "db", "service_type": "database", "namespace": "data",
                 "tags": ["team-data"], "backup": {"expected": true, "max_age": "12h"}, "stale_after": "10m",
                 "depends_on": ["myorg/infra/prod/baremetal/galera-node1"]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode c = json(created);
        assertThat(c.get("path").asText()).isEqualTo(PG);
        assertThat(c.get("status").asText()).isEqualTo("UNKNOWN");
        assertThat(c.get("status_reason").asText()).isEqualTo("none");
        assertThat(c.get("criticality").asText()).isEqualTo("high");
        assertThat(c.get("sla_group").asText()).isEqualTo("db");
        assertThat(c.get("service_type").asText()).isEqualTo("database");
        assertThat(c.get("namespace").asText()).isEqualTo("data");
        assertThat(texts(c.get("tags"))).containsExactly("team-data");
        assertThat(c.get("backup").get("expected").asBoolean()).isTrue();
        assertThat(c.get("backup").get("max_age").asLong()).isEqualTo(12 * 3600);
        assertThat(c.get("stale_after").asLong()).isEqualTo(600);
        assertThat(texts(c.get("depends_on"))).containsExactly(G1);
        JsonNode d = c.get("declared");
        assertThat(d.get("criticality").asText()).isEqualTo("high");
        assertThat(d.get("sla_group").asText()).isEqualTo("db");
        assertThat(texts(d.get("tags"))).containsExactly("team-data");
        assertThat(c.get("created_at").asText()).isEqualTo("2025-01-15T12:00:00Z");
        assertThat(service(PG)).isEqualTo(c);

        // seconds work as durations too
        assertThat(put(G1, "{\"stale_after\": 90, \"backup\": {\"max_age\": 3600}}").statusCode()).isEqualTo(201);
        assertThat(service(G1).get("stale_after").asLong()).isEqualTo(90);
        assertThat(service(G1).get("backup").get("max_age").asLong()).isEqualTo(3600);

        // a report fills in what is not declared, never what is
        report("health", "{\"path\": \"" + PG + "\", \"status\": \"OPERATIONAL\", \"criticality\": \"low\", "
                + "\"serviceType\": \"postgres\", \"tags\": [\"pg\"]}");
        clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> replaced = put(PG, "{}");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        JsonNode r = json(replaced);
        // replaced as a whole: the defaults, and the reported attributes show through
        assertThat(r.get("declared").get("criticality").isNull()).isTrue();
        assertThat(r.get("declared").get("tags")).isEmpty();
        assertThat(r.get("criticality").asText()).isEqualTo("low");
        assertThat(r.get("service_type").asText()).isEqualTo("postgres");
        assertThat(r.get("sla_group").isNull()).isTrue();
        assertThat(texts(r.get("tags"))).containsExactly("pg");
        assertThat(r.get("backup").get("expected").asBoolean()).isFalse();
        assertThat(r.get("backup").get("max_age").asLong()).isEqualTo(26 * 3600);
        assertThat(r.get("stale_after").asLong()).isEqualTo(300);
        assertThat(r.get("depends_on")).isEmpty();
        // the report's state is kept
        assertThat(r.get("status").asText()).isEqualTo("OPERATIONAL");
        assertThat(r.get("created_at").asText()).isEqualTo("2025-01-15T12:00:00Z");
        assertThat(r.get("updated_at").asText()).isEqualTo("2025-01-15T12:01:00Z");
    }

    @Test
    void putWithBadFieldsIs400AndChangesNothing() {
        String[][] cases = {
            {"{\"stale_after\": \"abc\"}", "stale_after: must be a whole number of seconds or a duration"},
            {"{\"stale_after\": -5}", "stale_after"},
            {"{\"stale_after\": 0}", "stale_after"},
            {"{\"stale_after\": \"400d\"}", "stale_after"},
            {"{\"backup\": {\"max_age\": \"soon\"}}", "backup.max_age"},
            {"{\"backup\": {\"expected\": \"maybe\"}}", "backup.expected"},
            {"{\"backup\": {\"expected\": true, \"when\": \"daily\"}}", "Unknown field 'backup.when'"},
            {"{\"backup\": true}", "backup: must be an object"},
            {"{\"colour\": \"red\"}", "Unknown field 'colour'"},
            {"{\"slaGroup\": \"db\"}", "Unknown field 'slaGroup'"},
            {"{\"criticality\": 5}", "criticality: must be a string"},
            {"{\"criticality\": \"\"}", "criticality"},
            {"{\"tags\": \"db\"}", "tags: must be an array of strings"},
            {"{\"tags\": [\"\"]}", "tags"},
            {"{\"depends_on\": [\"" + PG + "\"]}", "cannot depend on itself"},
            {"{\"depends_on\": [\"a/b\"]}", "depends_on"},
            {"{\"depends_on\": \"" + G1 + "\"}", "depends_on: must be an array of strings"},
            {"{\"criticality\": ", "Malformed JSON"},
            {"[]", "must be a JSON object"},
            {"", "Request body is required"},
        };
        for (String[] c : cases) {
            assertThat(error(put(PG, c[0]), 400)).as(c[0]).contains(c[1]);
        }
        assertThat(error(adminGet("/api/v1/services/" + PG), 404)).isEqualTo("Service not found");
        assertThat(listed("")).isEmpty();

        declare(PG, "{\"criticality\": \"high\", \"stale_after\": \"10m\"}");
        for (String[] c : cases) {
            assertThat(error(put(PG, c[0]), 400)).as(c[0]).contains(c[1]);
        }
        JsonNode s = service(PG);
        assertThat(s.get("criticality").asText()).isEqualTo("high");
        assertThat(s.get("stale_after").asLong()).isEqualTo(600);
        // a PUT to something that is not a 5-segment path finds no service
        assertThat(error(put("a/b/c/d", "{}"), 404)).isNotBlank();
    }

    // ---- DELETE, history, unknown services ----

    @Test
    void deleteIs204ThenTheServiceIsGone() {
        report("health", "{\"path\": \"" + G1 + "\", \"status\": \"DOWN\"}");
        HttpResponse<String> deleted = send(admin("/api/v1/services/" + G1).DELETE());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(error(adminGet("/api/v1/services/" + G1), 404)).isEqualTo("Service not found");
        assertThat(error(adminGet("/api/v1/services/" + G1 + "/history"), 404)).isEqualTo("Service not found");
        assertThat(error(send(admin("/api/v1/services/" + G1).DELETE()), 404)).isEqualTo("Service not found");
        assertThat(listed("")).isEmpty();
        assertThat(adminGet("/api/v1/services/tree").body()).isEqualTo("{\"services\":0,\"tree\":[]}");
        // a report afterwards creates it afresh, with a history of its own
        JsonNode again = report("health", "{\"path\": \"" + G1 + "\", \"status\": \"OPERATIONAL\"}");
        assertThat(again.get("created").asBoolean()).isTrue();
        assertThat(json(adminGet("/api/v1/services/" + G1 + "/history")).get("transitions"))
                .extracting(t -> t.get("to").asText()).containsExactly("OPERATIONAL");
    }

    @Test
    void historyListsTransitionsNewestFirst() {
        report("health", "{\"path\": \"" + PG + "\", \"status\": \"OPERATIONAL\"}");
        clock.advance(Duration.ofMinutes(1));
        report("health", "{\"path\": \"" + PG + "\", \"status\": \"DOWN\", \"message\": \"connection refused\"}");
        report("health", "{\"path\": \"" + PG + "\", \"status\": \"DOWN\"}"); // no change, no transition
        clock.advance(Duration.ofMinutes(1));
        report("storage", "{\"path\": \"" + PG + "\", \"allocatedBytes\": 100, \"usedBytes\": 95}");
        clock.advance(Duration.ofMinutes(1));
        report("backup", "{\"path\": \"" + PG + "\", \"status\": \"failed\", \"message\": \"pg_dump: error\"}");
        clock.advance(Duration.ofMinutes(1));
        report("health", "{\"path\": \"" + PG + "\", \"status\": \"OPERATIONAL\"}");
        clock.advance(Duration.ofMinutes(6));
        vigil.tick(); // stale

        JsonNode h = json(adminGet("/api/v1/services/" + PG + "/history"));
        assertThat(h.get("path").asText()).isEqualTo(PG);
        JsonNode t = h.get("transitions");
        assertThat(t).extracting(x -> x.get("aspect").asText() + ":" + x.get("from").asText() + "->"
                + x.get("to").asText() + "@" + x.get("at").asText()).containsExactly(
                        "health:OPERATIONAL->UNKNOWN@2025-01-15T12:10:00Z",
                        "health:DOWN->OPERATIONAL@2025-01-15T12:04:00Z",
                        "backup:NONE->FAILED@2025-01-15T12:03:00Z",
                        "storage:NONE->CRITICAL@2025-01-15T12:02:00Z",
                        "health:OPERATIONAL->DOWN@2025-01-15T12:01:00Z",
                        "health:UNKNOWN->OPERATIONAL@2025-01-15T12:00:00Z");
        assertThat(t.get(0).get("severity").asText()).isEqualTo("warning");
        assertThat(t.get(0).get("reason").asText()).contains("stale");
        assertThat(t.get(4).get("severity").asText()).isEqualTo("critical");
        assertThat(t.get(4).get("reason").asText()).contains("connection refused");
        assertThat(t.get(3).get("severity").asText()).isEqualTo("critical");
        assertThat(t.get(2).get("reason").asText()).contains("pg_dump: error");
        assertThat(t.get(5).get("notified").asBoolean()).as("a first OPERATIONAL is no alert").isFalse();
        assertThat(t.get(4).get("notified").asBoolean()).isTrue();

        assertThat(json(adminGet("/api/v1/services/" + PG + "/history?limit=2")).get("transitions")).hasSize(2);
        assertThat(error(adminGet("/api/v1/services/" + PG + "/history?limit=0"), 400)).contains("limit");
    }

    /** Each segment percent-encoded as a client builds the URL (space as %20). */
    private static String encoded(String path) {
        List<String> out = new ArrayList<>();
        for (String segment : path.split("/")) {
            out.add(java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("/", out);
    }

    @Test
    void pathsWithSpacesReservedAndNonAsciiCharactersAreReachable() {
        // ('%' is left out: Jetty refuses %25 in a path as ambiguous for the servlet API, before Vigil sees it)
        String odd = "my org/infra/prod/bare metal/db #1?x=A&y;z";
        String umlaut = "myorg/infra/prod/k\u00fcche/gr\u00f6\u00dfe-\u65e5\u672c";
        assertThat(report("health", "{\"path\": \"" + odd + "\", \"status\": \"DOWN\"}").get("path").asText())
                .isEqualTo(odd);
        assertThat(report("health", "{\"path\": \"" + umlaut + "\", \"status\": \"DOWN\"}").get("path").asText())
                .isEqualTo(umlaut);
        for (String p : List.of(odd, umlaut)) {
            assertThat(service(encoded(p)).get("path").asText()).isEqualTo(p);
            assertThat(json(adminGet("/api/v1/services/" + encoded(p) + "/history")).get("transitions")).hasSize(1);
            assertThat(put(encoded(p), "{\"criticality\": \"high\"}").statusCode()).isEqualTo(200);
        }
        assertThat(listed("?path_prefix=" + encoded("my org/"))).containsExactly(odd);
        JsonNode first = json(adminGet("/api/v1/services?limit=1"));
        assertThat(first.get("services").get(0).get("path").asText()).isEqualTo(odd);
        assertThat(listed("?limit=1&after=" + java.net.URLEncoder.encode(first.get("next_after").asText(),
                java.nio.charset.StandardCharsets.UTF_8))).containsExactly(umlaut);
        assertThat(send(admin("/api/v1/services/" + encoded(odd)).DELETE()).statusCode()).isEqualTo(204);
        assertThat(listed("")).containsExactly(umlaut);
    }

    @Test
    void unknownServicesAre404() {
        assertThat(error(adminGet("/api/v1/services/" + G1), 404)).isEqualTo("Service not found");
        assertThat(error(adminGet("/api/v1/services/" + G1 + "/history"), 404)).isEqualTo("Service not found");
        assertThat(error(send(admin("/api/v1/services/" + G1).DELETE()), 404)).isEqualTo("Service not found");
        // not five segments: no such route, or no such service
        assertThat(error(adminGet("/api/v1/services/a/b/c/d"), 404)).isNotBlank();
        assertThat(error(adminGet("/api/v1/services/a/b/c/d/e/f/g"), 404)).isNotBlank();
        assertThat(error(adminGet("/api/v1/services/a/b/c/d/%20e"), 404)).isNotBlank();
        // the admin key is required here
        assertThat(error(get("/api/v1/services/" + G1), 401)).isEqualTo("Missing X-API-Key header");
        assertThat(error(get("/api/v1/services"), 401)).isEqualTo("Missing X-API-Key header");
        assertThat(error(get("/api/v1/services/tree"), 401)).isEqualTo("Missing X-API-Key header");
    }
}
