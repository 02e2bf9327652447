package dev.vigil.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.Vigil;
import dev.vigil.http.HttpRequest;
import dev.vigil.http.HttpResponse;
import dev.vigil.http.RouteFamily;
import dev.vigil.http.VigilHttp;
import dev.vigil.model.SubjectRef;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.service.HealthReport;
import dev.vigil.store.memory.MemoryStore;
import dev.vigil.testkit.ManualClock;
import dev.vigil.testkit.http.OpenApiContract;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status page family in {@code GET /openapi.yaml} (its fragment {@code META-INF/vigil/openapi/status-page.yaml}):
 * every route it registers is documented and nothing else, configured or contributed by {@link StatusPageProvider};
 * and what each route answers (status, media type, the headers the document promises) is what the document says.
 */
class StatusPageOpenApiTest {
    private static final String PASSWORD = "admin-password-0123456789";
    private Vigil vigil;
    private StatusPage page;
    private VigilHttp http;
    private long backupId;

    @BeforeEach
    void start() {
        vigil = Vigil.builder().store(new MemoryStore()).clock(ManualClock.at("2025-01-15T12:00:00Z")).build();
        CreatedMonitor backup = vigil.monitors().create(PushMonitorSpec.named("Daily Backup Job").group("Public")
                .expectedInterval(Duration.ofDays(1)));
        vigil.monitors().push(backup.id(), backup.secret(), Payload.status("success", "Backup completed"));
        backupId = backup.id();
        vigil.services().report(new HealthReport("myorg/infra/prod/baremetal/galera-node1", "OPERATIONAL", null,
                null, null, null, List.of("public"), null));
        page = StatusPage.builder(vigil).badgeSecret("badge-secret-for-tests-0123456789").cacheFor(Duration.ZERO)
                .publicSubjects("group=Public").publicSubjects("tag.public=true").build();
        http = VigilHttp.builder(vigil).basicAuth("admin", PASSWORD).family(page.family()).build();
    }

    @AfterEach
    void close() {
        vigil.close();
    }

    @Test
    void everyRouteOfTheFamilyIsDocumentedAndNothingElse() {
        OpenApiContract.assertDocumentsEveryRoute(http);
        List<String> expected = new ArrayList<>(List.of("GET /status", "GET /status/public",
                "GET /status/favicon.svg", "GET /badge/{file}", "GET /badge/label/{label}/{file}"));
        StringBuilder t = new StringBuilder("GET /badge/{kind}");
        for (int n = 1; n <= StatusPage.MAX_NAME_SEGMENTS; n++) {
            expected.add(t.append("/{n").append(n).append('}').toString());
        }
        List<String> family = http.families().stream().filter(f -> f.name().equals(StatusPage.FAMILY_NAME))
                .flatMap(f -> f.routes().stream()).map(r -> r.method() + " " + r.template()).toList();
        assertThat(family).containsExactlyInAnyOrderElementsOf(expected); // the check above saw all of them
    }

    @Test
    void theDefaultPageAServiceLoaderFindsIsDocumentedToo() {
        VigilHttp discovered = VigilHttp.builder(vigil).build();
        assertThat(discovered.families()).extracting(RouteFamily::name).contains(StatusPage.FAMILY_NAME);
        OpenApiContract.assertDocumentsEveryRoute(discovered);
    }

    @Test
    void onlyTheAdminPageNeedsCredentials() {
        JsonNode paths = OpenApiContract.document(http).path("paths");
        assertThat(paths.at("/~1status/get/security").toString()).isEqualTo("[{\"basic\":[]}]");
        paths.fields().forEachRemaining(p -> {
            if (!p.getKey().equals("/status") && (p.getKey().startsWith("/status") || p.getKey().startsWith("/badge"))) {
                assertThat(p.getValue().path("get").path("security").toString()).as(p.getKey()).isEqualTo("[]");
            }
        });
    }

    @Test
    void eachRouteAnswersAsDocumented() {
        JsonNode doc = OpenApiContract.document(http);
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        assertAnswersAsDocumented(doc, "/status", get("/status").header("Authorization", basic), 200);
        assertAnswersAsDocumented(doc, "/status", get("/status"), 401);
        assertAnswersAsDocumented(doc, "/status/public", get("/status/public"), 200);
        assertAnswersAsDocumented(doc, "/status/favicon.svg", get("/status/favicon.svg"), 200);

        String keyed = "/badge/" + page.badgeKey(SubjectRef.of("push_monitor", Long.toString(backupId))) + ".svg";
        HttpResponse badge = assertAnswersAsDocumented(doc, "/badge/{file}", get(keyed), 200);
        String etag = badge.header("ETag").orElseThrow();
        assertAnswersAsDocumented(doc, "/badge/{file}", get(keyed).header("If-None-Match", etag), 304);
        assertAnswersAsDocumented(doc, "/badge/{file}", get("/badge/" + "A".repeat(22) + ".svg"), 404);
        assertAnswersAsDocumented(doc, "/badge/label/{label}/{file}", get("/badge/label/group/Public.svg"), 200);
        assertAnswersAsDocumented(doc, "/badge/{kind}/{n1}", get("/badge/push_monitor/Daily Backup Job.svg"), 200);
        assertAnswersAsDocumented(doc, "/badge/{kind}/{n1}/{n2}/{n3}/{n4}/{n5}",
                get("/badge/service/myorg/infra/prod/baremetal/galera-node1.svg"), 200);
        assertAnswersAsDocumented(doc, "/badge/{kind}/{n1}/{n2}", get("/badge/push_monitor/nope/nothing.svg"), 404);

        // nothing public: the public page is a documented 404
        StatusPage closed = StatusPage.builder(vigil).build();
        VigilHttp closedHttp = VigilHttp.builder(vigil).family(closed.family()).build();
        assertAnswersAsDocumented(OpenApiContract.document(closedHttp), "/status/public", get("/status/public"), 404,
                closedHttp);
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.builder("GET", path).remoteAddress("127.0.0.1");
    }

    private HttpResponse assertAnswersAsDocumented(JsonNode doc, String template, HttpRequest.Builder request,
            int status) {
        return assertAnswersAsDocumented(doc, template, request, status, http);
    }

    /**
     * Sends the request; its status is the one expected and documented (exactly or as {@code 4XX}), its media type is
     * one the documented response has, and every header the documented response names is there.
     */
    private static HttpResponse assertAnswersAsDocumented(JsonNode doc, String template, HttpRequest.Builder request,
            int status, VigilHttp http) {
        HttpResponse r = http.handle(request.build());
        assertThat(r.status()).as(template + ": " + r.bodyText()).isEqualTo(status);
        JsonNode responses = doc.path("paths").path(template).path("get").path("responses");
        assertThat(responses.isObject()).as("GET %s is documented", template).isTrue();
        String key = Integer.toString(status);
        JsonNode documented = responses.has(key) ? responses.get(key) : responses.path(key.charAt(0) + "XX");
        assertThat(documented.isMissingNode()).as("GET %s documents %s", template, key).isFalse();
        String ref = documented.path("$ref").asText("");
        if (ref.startsWith("#/")) {
            documented = doc.at(ref.substring(1));
        }
        if (r.body().length > 0) {
            String type = r.header("Content-Type").orElseThrow().split(";")[0].strip().toLowerCase(Locale.ROOT);
            assertThat(documented.path("content").has(type)).as("GET %s %s documents %s", template, key, type).isTrue();
        } else {
            assertThat(documented.has("content")).as("GET %s %s has no body", template, key).isFalse();
        }
        documented.path("headers").fieldNames().forEachRemaining(h -> assertThat(r.header(h))
                .as("GET %s %s sends the documented header %s", template, key, h).isPresent());
        return r;
    }
}
