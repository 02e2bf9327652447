package dev.vigil.status;

import static dev.vigil.status.StatusServer.XSS_GROUP;
import static dev.vigil.status.StatusServer.XSS_HEARTBEAT_VALUE;
import static dev.vigil.status.StatusServer.XSS_NAME;
import static dev.vigil.status.StatusServer.XSS_PROBLEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.SubjectRef;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;

/**
 * The status page and badges over real Jetty: every kind shown, escaping in HTML text, attributes and SVG, the
 * security headers, public and private modes, credentials, badge keys, ETag and 304.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusPageHttpTest {
    private StatusServer server;

    @BeforeAll
    void start() throws Exception {
        server = new StatusServer(b -> b.title("Acme <status>").publicSubjects("group=Public")
                .publicSubjects("tag.public=true"));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    private String badgeOf(String kind, String key) {
        return "/badge/" + server.page.badgeKey(SubjectRef.of(kind, key)) + ".svg";
    }

    @Test
    void theAdminPageShowsEverySubjectOfEveryKind() {
        HttpResponse<String> r = server.admin("/status");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(StatusPageHttpTest::isHtml);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        String html = r.body();
        for (String section : new String[] {"problem", "push_monitor", "service", "storage", "heartbeat", "task",
                "groups"}) {
            assertThat(html).contains("<section class=\"kind\" id=\"" + section + "\">");
        }
        assertThat(html).contains("Daily Backup Job", "Nightly export", "Legacy sync", "galera-node1", "galera-node2",
                "postgresql", "minio", "5xx/billing-prod", "connector=c1");
        // each monitor with its status, since when and its last signal
        assertThat(row(html, "push_monitor", server.monitor("export"))).contains("t-down", ">down<",
                "20 min ago", "failed: disk full");
        assertThat(row(html, "push_monitor", server.monitor("backup"))).contains("t-up", "20 min ago",
                "success: Backup completed");
        assertThat(row(html, "push_monitor", server.monitor("paused"))).contains("t-paused", ">paused<", "never");
        assertThat(row(html, "push_monitor", server.monitor("xss"))).contains("t-new", ">no push yet<");
        assertThat(row(html, "task", "5xx/billing-prod")).contains("t-up", "tolerance medium");
        assertThat(row(html, "heartbeat", "")).contains("t-up", "every 10s");
        assertThat(row(html, "problem", "")).contains("t-down", "availability on");
        // summary at the top
        assertThat(html).contains("<strong>3 down</strong>");
        // services as their tree, the unknown branch flagged with its misconfigured pushes
        assertThat(html).contains("class=\"unknown-branch\"");
        assertThat(html).containsPattern("<span class=\"flag\"[^>]*>⚠ 2 misconfigured pushes</span>");
        assertThat(html).containsPattern("<span class=\"nm\">infra</span><span class=\"sub\">domain · 2 services");
        // storage view: the services tagged storage
        assertThat(row(html, "storage", "myorg/platform/prod/cluster1/postgresql")).contains("t-down", ">critical<",
                "value=\"5.0\"", "95.0 GiB / 100.0 GiB");
        assertThat(row(html, "storage", "myorg/platform/prod/cluster1/minio")).contains("t-up", ">healthy<");
        assertThat(html).doesNotContain("data-kind=\"storage\" data-key=\"myorg/infra");
        // auto-refresh without script, and public subjects marked
        assertThat(html).contains("<meta http-equiv=\"refresh\" content=\"30\">").doesNotContain("<script");
        assertThat(row(html, "push_monitor", server.monitor("backup"))).contains("<span class=\"tag\">public</span>");
        assertThat(html).contains("href=\"status/public\"");
    }

    static void isHtml(String contentType) {
        assertThat(contentType.replace(" ", "")).isEqualToIgnoringCase("text/html;charset=utf-8");
    }

    static void isSvg(String contentType) {
        assertThat(contentType.replace(" ", "")).isEqualToIgnoringCase("image/svg+xml;charset=utf-8");
    }

    /** The row of a subject on the page (by data-kind and the start of data-key). */
    private static String row(String html, String kind, Object keyPrefix) {
        Matcher m = Pattern.compile("<(tr|li) (?:class=\"leaf\" )?data-kind=\"" + kind + "\" data-key=\""
                + Pattern.quote(String.valueOf(keyPrefix)) + "[^\"]*\">.*?</\\1>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("a row of %s %s", kind, keyPrefix).isTrue();
        return m.group();
    }

    @Test
    void everyNameIsEscapedInTextAndAttributes() {
        String html = server.admin("/status").body();
        assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain(XSS_NAME)
                .contains("&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;").doesNotContain(XSS_GROUP)
                .contains("&lt;i onmouseover=&#39;alert(3)&#39;&gt;x&lt;/i&gt;").doesNotContain(XSS_HEARTBEAT_VALUE)
                .contains("&quot;&#39;&gt;&lt;svg onload=alert(4)&gt;").doesNotContain(XSS_PROBLEM)
                .contains("&lt;b onclick=alert(5)&gt;checkout").doesNotContain("<b onclick")
                .contains("HTTP 503 from &lt;upstream&gt;")
                .contains("<title>3 down · Acme &lt;status&gt;</title>");
        // in attributes: the service's path is a data-key, the group a group badge's key
        assertThat(html).contains("data-key=\"myorg/apps/prod/k8s/&lt;b onclick=alert(5)&gt;checkout\"")
                .contains("data-key=\"group=&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\"");
        // no element or attribute came from input: every tag on the page is one the renderer writes
        Matcher tags = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)").matcher(html);
        while (tags.find()) {
            assertThat(tags.group(1)).isIn("html", "head", "meta", "link", "title", "style", "body", "header", "div", "span",
                    "h1", "p", "time", "main", "section", "strong", "nav", "a", "h2", "table", "thead", "tr", "th",
                    "tbody", "td", "ul", "li", "details", "summary", "meter", "footer");
        }
    }

    @Test
    void strictSecurityHeaders() {
        HttpResponse<String> r = server.admin("/status");
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).startsWith("default-src 'none'; style-src 'sha256-").doesNotContain("unsafe")
                .contains("img-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'");
        assertThat(csp).doesNotContain("script-src"); // default-src 'none' forbids every script
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(r.body()).doesNotContain(" style=\"");
        // the hash in the policy is the hash of the page's one style sheet
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(r.body());
        assertThat(style.find()).isTrue();
        assertThat(csp).contains("'sha256-" + sha256(style.group(1)) + "'");
        HttpResponse<String> badge = server.get(badgeOf("push_monitor", Long.toString(server.monitor("export"))));
        assertThat(badge.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(badge.headers().firstValue("Content-Security-Policy")).hasValue(
                "default-src 'none'; frame-ancestors 'none'");
    }

    private static String sha256(String s) {
        try {
            return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theAdminPageNeedsTheAdminCredentials() {
        HttpResponse<String> none = server.get("/status");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Basic realm="));
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(StatusPageHttpTest::isHtml);
        assertThat(none.body()).contains("Missing HTTP Basic credentials").doesNotContain("Daily Backup Job");
        HttpResponse<String> wrong = server.get("/status", "Authorization", StatusServer.basic("admin", "guess"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("Invalid user name or password").doesNotContain("Daily Backup Job");
        // the API key is no browser credential, and a Basic user without the admin scope is refused
        assertThat(server.get("/status", "X-API-Key", StatusServer.API_KEY).statusCode()).isEqualTo(401);
        HttpResponse<String> limited = server.get("/status", "Authorization",
                StatusServer.basic(StatusServer.LIMITED_USER, StatusServer.LIMITED_PASSWORD));
        assertThat(limited.statusCode()).isEqualTo(403);
        assertThat(limited.body()).contains("admin").doesNotContain("Daily Backup Job");
        // a wrong method is answered in the page's shape too
        HttpResponse<String> post = StatusServer.send(server.request("/status")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x")));
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Content-Type")).hasValueSatisfying(StatusPageHttpTest::isHtml);
    }

    @Test
    void thePublicPageShowsOnlyPublicSubjectsToAnyone() {
        HttpResponse<String> r = server.get("/status/public");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String html = r.body();
        assertThat(html).contains("Daily Backup Job", "galera-node1", "Public status")
                .doesNotContain("Nightly export", "galera-node2", "alert(1)", "billing-prod", "postgresql",
                        "connector=c1", "lonely-service", "misconfigured", "class=\"tag\">public", "status/public");
        // the tree is pruned to the public services, with their own worst status
        assertThat(html).contains("<span class=\"nm\">myorg</span><span class=\"sub\">org · 1 service</span>");
        // badges by name, relative to the page under /status/
        assertThat(html).contains("href=\"../badge/push_monitor/Daily%20Backup%20Job.svg\"")
                .contains("href=\"../badge/service/myorg/infra/prod/baremetal/galera-node1.svg\"");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void badgesOfPublicSubjectsByNameAndOfPrivateOnesByKeyOnly() {
        HttpResponse<String> pub = server.get("/badge/push_monitor/Daily%20Backup%20Job.svg");
        assertThat(pub.statusCode()).as(pub.body()).isEqualTo(200);
        assertThat(pub.body()).contains(">Daily Backup Job<", ">up<", "fill=\"#4c1\"");
        assertThat(server.get("/badge/service/myorg/infra/prod/baremetal/galera-node1.svg").body())
                .contains(">operational<");
        // private subjects: never by name or id, only by their key
        String export = Long.toString(server.monitor("export"));
        assertThat(server.get("/badge/push_monitor/Nightly%20export.svg").statusCode()).isEqualTo(404);
        assertThat(server.get("/badge/push_monitor/" + export + ".svg").statusCode()).isEqualTo(404);
        assertThat(server.get("/badge/" + export + ".svg").statusCode()).isEqualTo(404);
        HttpResponse<String> keyed = server.get(badgeOf("push_monitor", export));
        assertThat(keyed.statusCode()).isEqualTo(200);
        assertThat(keyed.headers().firstValue("Content-Type")).hasValueSatisfying(StatusPageHttpTest::isSvg);
        assertThat(keyed.body()).contains(">Nightly export<", ">down<", "fill=\"#e05d44\"");
        // groups: keyed for all members, by label for the public ones
        HttpResponse<String> group = server.get("/badge/" + server.page.groupBadgeKey("tag", "database") + ".svg");
        assertThat(group.body()).contains(">database<", ">1 warning<", "fill=\"#fe7d37\"");
        assertThat(server.get("/badge/label/tag/database.svg").body()).contains(">1 up<", "fill=\"#4c1\"");
        assertThat(server.get("/badge/label/group/Public.svg").body()).contains(">Public<", ">1 up<");
        assertThat(server.get("/badge/label/group/Maintenance.svg").statusCode()).isEqualTo(404);
        // the admin page lists every key
        String html = server.admin("/status").body();
        assertThat(html).contains("href=\"" + badgeOf("push_monitor", export).substring(1) + "\"")
                .contains("href=\"badge/" + server.page.groupBadgeKey("tag", "database") + ".svg\"");
    }

    @Test
    void unknownBadgeKeysAre404Badges() {
        for (String path : new String[] {"/badge/AAAAAAAAAAAAAAAAAAAAAA.svg", "/badge/short.svg", "/badge/x",
                "/badge/.svg", "/badge/" + server.page.badgeKey(SubjectRef.of("push_monitor", "999")) + ".svg",
                "/badge/" + server.page.badgeKey(SubjectRef.of("push_monitor", "1")), "/badge/nokind/x.svg",
                "/badge/label/nolabel/x.svg", "/badge/a/b/c/d/e/f/g/h/i/j.svg", "/badge"}) {
            HttpResponse<String> r = server.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(StatusPageHttpTest::isSvg);
            assertThat(r.body()).as(path).contains(">not found<");
        }
        assertThat(server.get("/status/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void badgeKeysDependOnTheSecretNotJustTheId() throws Exception {
        SubjectRef ref = SubjectRef.of("push_monitor", Long.toString(server.monitor("export")));
        String key = server.page.badgeKey(ref);
        assertThat(key).hasSize(22).doesNotContain(ref.key()).matches("[A-Za-z0-9_-]{22}");
        StatusPage sameSecret = StatusPage.builder(server.vigil).badgeSecret(StatusServer.BADGE_SECRET).build();
        StatusPage otherSecret = StatusPage.builder(server.vigil).badgeSecret("another-secret-0123456789").build();
        StatusPage noSecret = StatusPage.builder(server.vigil).build();
        assertThat(sameSecret.badgeKey(ref)).isEqualTo(key);
        assertThat(otherSecret.badgeKey(ref)).isNotEqualTo(key);
        assertThat(noSecret.badgeKey(ref)).isNotEqualTo(key);
        assertThat(server.page.badgeKey(SubjectRef.of("service", ref.key()))).isNotEqualTo(key);
        assertThat(server.page.groupBadgeKey("group", "Public")).isNotEqualTo(server.page.groupBadgeKey("tag",
                "Public"));
        assertThatThrownBy(() -> StatusPage.builder(server.vigil).badgeSecret("short"))
                .hasMessageContaining("16 to 512");
        assertThatThrownBy(() -> StatusPage.builder(server.vigil).publicSubjects("not a matcher"))
                .hasMessageContaining("must look like");
        assertThatThrownBy(() -> StatusPage.builder(server.vigil).publicSubjects())
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> StatusPage.builder(server.vigil).refreshEvery(Duration.ofSeconds(1)))
                .hasMessageContaining("between 5 s and 1 h");
    }

    @Test
    void namesAreEscapedInSvg() throws Exception {
        HttpResponse<String> r = server.get(badgeOf("push_monitor", Long.toString(server.monitor("xss"))));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain(XSS_NAME);
        Document svg = xml(r.body());
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(XSS_NAME + ": no push yet");
        assertThat(svg.getDocumentElement().getAttribute("aria-label")).isEqualTo(XSS_NAME + ": no push yet");
        assertThat(svg.getElementsByTagName("img").getLength()).isZero();
        HttpResponse<String> problem = server.get("/badge/" + server.page.groupBadgeKey("group", XSS_GROUP) + ".svg");
        assertThat(problem.statusCode()).isEqualTo(200);
        assertThat(xml(problem.body()).getElementsByTagName("title").item(0).getTextContent())
                .isEqualTo(XSS_GROUP + ": 1 new");
        assertThat(problem.body()).doesNotContain("<script");
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void badgesHaveAStrongETagAndCacheControl() throws Exception {
        try (StatusServer s = new StatusServer(b -> b)) {
            String path = "/badge/" + s.page.badgeKey(SubjectRef.of("push_monitor",
                    Long.toString(s.monitor("backup")))) + ".svg";
            HttpResponse<String> first = s.get(path);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).matches("\"[A-Za-z0-9_-]{24}\"");
            assertThat(first.headers().firstValue("Cache-Control")).hasValue("max-age=30, must-revalidate");
            HttpResponse<String> again = s.get(path, "If-None-Match", etag);
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.headers().firstValue("ETag")).hasValue(etag);
            assertThat(s.get(path, "If-None-Match", "\"other\", W/" + etag).statusCode()).isEqualTo(304);
            assertThat(s.get(path, "If-None-Match", "*").statusCode()).isEqualTo(304);
            assertThat(s.get(path, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
            assertThat(s.get(path, "If-None-Match", etag.replace("\"", "")).statusCode()).isEqualTo(200);
            // the backup goes DOWN: a new badge, a new ETag, and the old one no longer matches
            s.clock.advance(Duration.ofDays(2));
            s.vigil.tick();
            HttpResponse<String> down = s.get(path, "If-None-Match", etag);
            assertThat(down.statusCode()).isEqualTo(200);
            assertThat(down.body()).contains(">down<");
            assertThat(down.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
            // HEAD answers the headers without the body
            HttpResponse<String> head = StatusServer.send(s.request(path).method("HEAD",
                    java.net.http.HttpRequest.BodyPublishers.noBody()));
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(s.get("/status/public").statusCode()).isEqualTo(404); // nothing marked public here
        }
    }

    @Test
    void theDiscoveredPageServesWithDefaults() throws Exception {
        try (StatusServer s = new StatusServer(null)) {
            HttpResponse<String> page = s.admin("/status");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Vigil status", "Daily Backup Job").doesNotContain("class=\"tag\">public");
            assertThat(s.get("/status").statusCode()).isEqualTo(401);
            HttpResponse<String> pub = s.get("/status/public");
            assertThat(pub.statusCode()).isEqualTo(404);
            assertThat(pub.body()).contains("none are marked public");
            // its keys come from a secret of its own: the test's secret does not open its badges
            StatusPage configured = StatusPage.builder(s.vigil).badgeSecret(StatusServer.BADGE_SECRET).build();
            assertThat(s.get("/badge/" + configured.badgeKey(SubjectRef.of("push_monitor",
                    Long.toString(s.monitor("export")))) + ".svg").statusCode()).isEqualTo(404);
            Matcher key = Pattern.compile("href=\"(badge/[A-Za-z0-9_-]{22}\\.svg)\"").matcher(page.body());
            assertThat(key.find()).isTrue();
            assertThat(s.get("/" + key.group(1)).statusCode()).isEqualTo(200);
        }
    }
}
