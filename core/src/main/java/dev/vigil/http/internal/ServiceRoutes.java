package dev.vigil.http.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.http.AuthScheme;
import dev.vigil.http.Exchange;
import dev.vigil.http.HttpError;
import dev.vigil.http.HttpResponse;
import dev.vigil.http.Json;
import dev.vigil.http.LenientBody;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import dev.vigil.internal.ServiceFields;
import dev.vigil.model.Text;
import dev.vigil.model.Transition;
import dev.vigil.service.BackupReport;
import dev.vigil.service.BackupResult;
import dev.vigil.service.HealthReport;
import dev.vigil.service.HealthStatus;
import dev.vigil.service.ReportResult;
import dev.vigil.service.Service;
import dev.vigil.service.ServiceDeclaration;
import dev.vigil.service.ServiceFilter;
import dev.vigil.service.ServicePath;
import dev.vigil.service.ServiceTree;
import dev.vigil.service.Services;
import dev.vigil.service.StorageReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Services (seed 000): the three report routes ({@code X-API-Key} with scope {@code reports.write}), answered
 * "loud over silent" in the seed's camelCase, and the read API under {@code /api/v1/services} (scope
 * {@code admin}, snake_case like the rest of the admin API).
 */
public final class ServiceRoutes {
    public static final String REPORTS_SCOPE = "reports.write";
    static final String BASE = "/api/v1/services";
    static final String ONE = BASE + "/{org}/{domain}/{env}/{cluster}/{service}";
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    private final Services services;

    public ServiceRoutes(Services services) {
        this.services = services;
    }

    public RouteFamily family() {
        return RouteFamily.builder("services").prefix(BASE).prefix("/api/v1/health").prefix("/api/v1/storage")
                .prefix("/api/v1/backup").routes(routes()).build();
    }

    public List<Route> routes() {
        AuthScheme key = AuthScheme.API_KEY;
        String admin = NotificationRoutes.ADMIN;
        return List.of(
                Route.authenticated("POST", "/api/v1/health/report", key, REPORTS_SCOPE, this::health),
                Route.authenticated("POST", "/api/v1/storage/report", key, REPORTS_SCOPE, this::storage),
                Route.authenticated("POST", "/api/v1/backup/report", key, REPORTS_SCOPE, this::backup),
                Route.authenticated("GET", BASE, key, admin, this::list),
                Route.authenticated("GET", BASE + "/tree", key, admin, this::tree),
                Route.authenticated("GET", ONE, key, admin, this::get),
                Route.authenticated("PUT", ONE, key, admin, this::put),
                Route.authenticated("DELETE", ONE, key, admin, this::delete),
                Route.authenticated("GET", ONE + "/history", key, admin, this::history));
    }

    private HttpResponse health(Exchange ex) {
        LenientBody b = ex.lenientBody().allowOnly("path", "status", "message", "criticality", "slaGroup",
                "serviceType", "tags", "namespace");
        ReportResult r = services.report(new HealthReport(b.string("path"), b.string("status"), b.string("message"),
                b.string("criticality"), b.string("slaGroup"), b.string("serviceType"), b.strings("tags"),
                b.string("namespace")));
        return Exchange.json(200, reportBody(r, b));
    }

    private HttpResponse storage(Exchange ex) {
        LenientBody b = ex.lenientBody().allowOnly("path", "allocatedBytes", "usedBytes", "freePercent",
                "storageType", "mountPath");
        ReportResult r = services.report(new StorageReport(b.string("path"), b.wholeNumber("allocatedBytes"),
                b.wholeNumber("usedBytes"), b.number("freePercent"), b.string("storageType"), b.string("mountPath")));
        ObjectNode body = reportBody(r, b);
        body.put("level", r.level() == null ? null : r.level().wireName());
        if (r.freePercent() == null) {
            body.putNull("freePercent");
        } else {
            body.put("freePercent", Math.round(r.freePercent() * 100) / 100.0);
        }
        body.set("warnings", body.remove("warnings")); // warnings last, as in the other responses
        return Exchange.json(200, body);
    }

    private HttpResponse backup(Exchange ex) {
        LenientBody b = ex.lenientBody().allowOnly("path", "slaGroup", "namespace", "status", "sizeBytes",
                "message");
        BackupResult r = services.report(new BackupReport(b.string("path"), b.string("slaGroup"),
                b.string("namespace"), b.string("status"), b.wholeNumber("sizeBytes"), b.string("message")));
        ObjectNode body = Json.object();
        ArrayNode paths = body.putArray("paths");
        r.paths().forEach(paths::add);
        body.put("status", r.status().wireName());
        warnings(body, b.warnings(), r.warnings());
        return Exchange.json(200, body);
    }

    private static ObjectNode reportBody(ReportResult r, LenientBody b) {
        ObjectNode body = Json.object();
        body.put("path", r.path());
        body.put("created", r.created());
        body.put("status", r.status().name());
        warnings(body, b.warnings(), r.warnings());
        return body;
    }

    /** The body's own warnings (coercions, unknown fields), then the report's (padding, clamping). */
    private static void warnings(ObjectNode body, List<String> fromBody, List<String> fromReport) {
        ArrayNode w = body.putArray("warnings");
        fromBody.forEach(w::add);
        fromReport.forEach(w::add);
    }

    private HttpResponse list(Exchange ex) {
        ServiceFilter f = ServiceFilter.ALL.withTag(query(ex, "tag")).withSlaGroup(query(ex, "sla_group"))
                .withNamespace(query(ex, "namespace")).withPathPrefix(query(ex, "path_prefix"))
                .withCriticality(query(ex, "criticality"));
        String status = query(ex, "status");
        if (status != null) {
            f = f.withStatus(HealthStatus.parse(status).orElseThrow(() -> HttpError.badRequest(
                    "status must be one of OPERATIONAL, DEGRADED, DOWN, MAINTENANCE, UNKNOWN, got '"
                            + Text.forLog(cut(status)) + "'")));
        }
        int limit = MonitorRoutes.limit(ex, DEFAULT_PAGE, MAX_PAGE);
        String after = query(ex, "after");
        List<Service> page = services.list(f, after, limit);
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("services");
        page.forEach(s -> items.add(view(s)));
        if (page.size() == limit) {
            body.put("next_after", page.get(page.size() - 1).path().toString());
        } else {
            body.putNull("next_after");
        }
        return Exchange.json(200, body);
    }

    private HttpResponse tree(Exchange ex) {
        ServiceTree t = services.tree();
        ObjectNode body = Json.object();
        body.put("services", t.services());
        ArrayNode roots = body.putArray("tree");
        t.roots().forEach(n -> roots.add(node(n)));
        return Exchange.json(200, body);
    }

    private static ObjectNode node(ServiceTree.Node n) {
        ObjectNode o = Json.object();
        o.put("name", n.name());
        o.put("path", n.path());
        o.put("level", n.level());
        o.put("status", n.status().name());
        o.put("services", n.services());
        if (n.unknownBranch()) {
            o.put("unknown_branch", true);
            o.put("misconfigured_reports", n.misconfiguredReports());
        }
        if (!n.children().isEmpty()) {
            ArrayNode c = o.putArray("children");
            n.children().forEach(child -> c.add(node(child)));
        }
        return o;
    }

    private HttpResponse get(Exchange ex) {
        return Exchange.json(200, view(find(ex)));
    }

    private HttpResponse put(Exchange ex) {
        String path = path(ex);
        Fields f = new Fields(ex.jsonObject("a declaration such as {\"criticality\": \"critical\", \"backup\": "
                + "{\"expected\": true, \"max_age\": \"26h\"}, \"stale_after\": \"5m\"}"), "")
                .allowOnly(ServiceFields.DECLARATION);
        ServiceDeclaration d = ServiceFields.declaration(f);
        boolean existed = services.get(path).isPresent();
        Service s;
        try {
            s = services.declare(path, d);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
        return Exchange.json(existed ? 200 : 201, view(s));
    }

    private HttpResponse delete(Exchange ex) {
        if (!services.delete(path(ex))) {
            throw HttpError.notFound("Service not found");
        }
        return Exchange.noContent();
    }

    private HttpResponse history(Exchange ex) {
        Service s = find(ex);
        int limit = MonitorRoutes.limit(ex, MonitorRoutes.DEFAULT_HISTORY, MonitorRoutes.MAX_HISTORY);
        List<Transition> transitions = services.history(s.path().toString(), limit);
        ObjectNode body = Json.object();
        body.put("path", s.path().toString());
        ArrayNode items = body.putArray("transitions");
        transitions.forEach(t -> items.add(Views.transition(t)));
        return Exchange.json(200, body);
    }

    private Service find(Exchange ex) {
        return services.get(path(ex)).orElseThrow(() -> HttpError.notFound("Service not found"));
    }

    /** The path from the five path parameters; a segment no service can have is a 404 like a missing service. */
    private static String path(Exchange ex) {
        List<String> segments = new ArrayList<>(5);
        for (String p : List.of("org", "domain", "env", "cluster", "service")) {
            segments.add(ex.param(p));
        }
        try {
            return ServicePath.parse(String.join("/", segments)).toString();
        } catch (IllegalArgumentException e) {
            throw HttpError.notFound("Service not found");
        }
    }

    private static @Nullable String query(Exchange ex, String name) {
        Optional<String> v = ex.query(name);
        return v.isEmpty() || v.get().isEmpty() ? null : v.get();
    }

    private static String cut(String s) {
        return s.length() > 50 ? s.substring(0, 50) + "..." : s;
    }

    static ObjectNode view(Service s) {
        ObjectNode o = Json.object();
        ServicePath p = s.path();
        o.put("path", p.toString());
        o.put("org", p.org());
        o.put("domain", p.domain());
        o.put("env", p.env());
        o.put("cluster", p.cluster());
        o.put("service", p.service());
        o.put("status", s.status().name());
        o.put("status_reason", s.statusReason());
        o.put("status_since", Json.instant(s.statusSince()));
        o.put("message", s.message());
        o.put("last_health_report_at", Json.instant(s.lastHealthReportAt()));
        o.put("criticality", s.criticality());
        o.put("sla_group", s.slaGroup());
        o.put("service_type", s.serviceType());
        o.put("namespace", s.namespace());
        ArrayNode tags = o.putArray("tags");
        s.tags().stream().sorted().forEach(tags::add);
        Service.Storage st = s.storage();
        if (st == null) {
            o.putNull("storage");
        } else {
            ObjectNode so = o.putObject("storage");
            so.put("level", st.level().wireName());
            so.put("free_percent", st.freePercent() == null ? null : Math.round(st.freePercent() * 100) / 100.0);
            so.put("allocated_bytes", st.allocatedBytes());
            so.put("used_bytes", st.usedBytes());
            so.put("storage_type", st.storageType());
            so.put("mount_path", st.mountPath());
            so.put("reported_at", Json.instant(st.reportedAt()));
        }
        Service.Backup b = s.backup();
        ObjectNode bo = o.putObject("backup");
        bo.put("expected", b.expected());
        bo.put("max_age", b.maxAge().toSeconds());
        bo.put("alert", b.alert());
        bo.put("last_status", b.lastStatus() == null ? null : b.lastStatus().wireName());
        bo.put("last_report_at", Json.instant(b.lastReportAt()));
        bo.put("last_good_at", Json.instant(b.lastGoodAt()));
        bo.put("size_bytes", b.sizeBytes());
        bo.put("message", b.message());
        ServiceDeclaration d = s.declared();
        o.put("stale_after", d.staleAfter().toSeconds());
        ArrayNode deps = o.putArray("depends_on");
        d.dependsOn().forEach(deps::add);
        ObjectNode declared = o.putObject("declared");
        declared.put("criticality", d.criticality());
        declared.put("sla_group", d.slaGroup());
        declared.put("service_type", d.serviceType());
        declared.put("namespace", d.namespace());
        ArrayNode dt = declared.putArray("tags");
        d.tags().stream().sorted().forEach(dt::add);
        o.put("last_report_at", Json.instant(s.lastReportAt()));
        o.put("misconfigured_reports", s.misconfiguredReports());
        o.put("created_at", Json.instant(s.createdAt()));
        o.put("updated_at", Json.instant(s.updatedAt()));
        return o;
    }
}
