package dev.vigil.status;

import dev.vigil.Vigil;
import dev.vigil.http.ApiError;
import dev.vigil.http.AuthResult;
import dev.vigil.http.AuthScheme;
import dev.vigil.http.Exchange;
import dev.vigil.http.HttpError;
import dev.vigil.http.HttpResponse;
import dev.vigil.http.Route;
import dev.vigil.http.RouteFamily;
import dev.vigil.kind.SubjectKind;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Text;
import dev.vigil.status.internal.Badge;
import dev.vigil.status.internal.BadgeKeys;
import dev.vigil.status.internal.Collector;
import dev.vigil.status.internal.Css;
import dev.vigil.status.internal.Escape;
import dev.vigil.status.internal.Groups;
import dev.vigil.status.internal.Item;
import dev.vigil.status.internal.Page;
import dev.vigil.status.internal.Snapshot;
import dev.vigil.status.internal.Tone;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A read-only HTML status page of every subject Vigil knows, and shields.io-style SVG badges, as a
 * {@link RouteFamily} served with the rest of Vigil's HTTP API (paths relative to where it is mounted):
 *
 * <ul>
 *   <li>{@code GET /status}: every subject, behind HTTP Basic credentials with scope {@code admin};</li>
 *   <li>{@code GET /status/public}: only the subjects marked public (see {@link Builder#publicSubjects}), open to
 *       anyone; 404 while nothing can be public;</li>
 *   <li>{@code GET /badge/{key}.svg}: a subject's or a group's badge by its unguessable key (an HMAC under the
 *       badge secret), listed on the admin page;</li>
 *   <li>{@code GET /badge/{kind}/{name}.svg} and {@code GET /badge/label/{label}/{value}.svg}: badges of public
 *       subjects by name, and of the public subjects of a group.</li>
 * </ul>
 *
 * <pre>{@code
 * StatusPage page = StatusPage.builder(vigil)
 *         .badgeSecret(System.getenv("VIGIL_BADGE_SECRET"))   // badge keys stay the same across restarts
 *         .publicSubjects("group=Public")                      // push monitors of the group "Public"
 *         .publicSubjects("tag.public=true")                   // services tagged public
 *         .build();
 * VigilHttp http = VigilHttp.builder(vigil).basicAuth("admin", password).family(page.family()).build();
 * }</pre>
 *
 * <p>With this module on the class path and no family of its own, {@link StatusPageProvider} serves the page with
 * default settings: nothing public, and a badge secret drawn at start (badge keys change on restart).
 */
public final class StatusPage {
    /** The route family's name; a family of this name given to {@code VigilHttp.Builder#family} replaces the default. */
    public static final String FAMILY_NAME = "status-page";
    /** The most name segments a public badge URL may have ({@code /badge/service/org/domain/env/cluster/svc.svg}). */
    public static final int MAX_NAME_SEGMENTS = 8;
    static final String SVG_SUFFIX = ".svg";
    private static final String HTML_CSP = "default-src 'none'; style-src " + Css.HASH_SOURCE
            + "; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String SVG_CSP = "default-src 'none'; frame-ancestors 'none'";

    private final Vigil vigil;
    private final String title;
    private final int refreshSeconds;
    private final Duration cacheFor;
    private final Duration badgeMaxAge;
    private final List<List<LabelMatcher>> publicSelectors;
    private final BadgeKeys keys;
    private final Collector collector;
    private volatile @Nullable Cached cached;

    /** A snapshot with the badge keys it answers, kept for {@link #cacheFor}. */
    private record Cached(Instant at, Snapshot snapshot, Map<String, Target> byKey) {
    }

    /** What a badge key shows: one subject, or a group (label and value). */
    private record Target(@Nullable Item item, @Nullable String label, @Nullable String value) {
    }

    private StatusPage(Builder b) {
        this.vigil = b.vigil;
        this.title = b.title;
        this.refreshSeconds = (int) b.refreshEvery.toSeconds();
        this.cacheFor = b.cacheFor;
        this.badgeMaxAge = b.badgeMaxAge;
        this.publicSelectors = List.copyOf(b.publicSelectors);
        this.keys = new BadgeKeys(b.secret);
        this.collector = new Collector(vigil, b.kinds, this::isPublic);
    }

    public static Builder builder(Vigil vigil) {
        return new Builder(vigil);
    }

    /** The routes, to give to {@code VigilHttp.builder(vigil).family(...)}. */
    public RouteFamily family() {
        RouteFamily.Builder f = RouteFamily.builder(FAMILY_NAME).prefix("/status").prefix("/badge")
                .route(Route.authenticated("GET", "/status", AuthScheme.BASIC, AuthResult.ADMIN_SCOPE, this::adminPage))
                .route(Route.open("GET", "/status/public", this::publicPage))
                .route(Route.open("GET", "/status/favicon.svg", StatusPage::favicon))
                .route(Route.open("GET", "/badge/{file}", this::keyedBadge))
                .route(Route.open("GET", "/badge/label/{label}/{file}", this::publicGroupBadge));
        for (int n = 1; n <= MAX_NAME_SEGMENTS; n++) {
            StringBuilder t = new StringBuilder("/badge/{kind}");
            for (int i = 1; i <= n; i++) {
                t.append("/{n").append(i).append('}');
            }
            f.route(Route.open("GET", t.toString(), this::publicBadge));
        }
        return f.errors(StatusPage::renderError).build();
    }

    /** The badge key of a subject: {@code /badge/<key>.svg} shows it, public or not. */
    public String badgeKey(SubjectRef subject) {
        return keys.subject(Objects.requireNonNull(subject, "subject"));
    }

    /** The badge key of a group, e.g. {@code ("group", "Maintenance Tasks")} or {@code ("tag", "database")}. */
    public String groupBadgeKey(String label, String value) {
        return keys.group(Objects.requireNonNull(label, "label"), Objects.requireNonNull(value, "value"));
    }

    /** Whether a subject with these labels is public: one of the public selectors matches them all. */
    boolean isPublic(Map<String, String> labels) {
        for (List<LabelMatcher> selector : publicSelectors) {
            if (selector.stream().allMatch(m -> m.matches(labels))) {
                return true;
            }
        }
        return false;
    }

    // ---- pages ----

    private HttpResponse adminPage(Exchange ex) {
        Snapshot snap = collector.collect(); // always fresh for the admin
        List<Groups.Group> groups = new ArrayList<>();
        Groups.of(snap.all()).forEach((label, byValue) -> byValue.forEach((value, items) -> groups.add(
                new Groups.Group(label, value, items, Groups.worst(items), "badge/" + keys.group(label, value)
                        + SVG_SUFFIX))));
        byte[] body = Page.render(snap, new Page.Settings(title, refreshSeconds, base(ex), false,
                !publicSelectors.isEmpty(), groups), i -> "badge/" + keys.subject(i.ref()) + SVG_SUFFIX);
        return html(200, body, "no-store", Map.of());
    }

    private HttpResponse publicPage(Exchange ex) {
        if (publicSelectors.isEmpty()) {
            throw HttpError.notFound("This status page has no public subjects (none are marked public)");
        }
        Snapshot snap = cachedSnapshot().snapshot().publicOnly();
        byte[] body = Page.render(snap, new Page.Settings(title, refreshSeconds, base(ex), true, true, List.of()),
                StatusPage::publicBadgePath);
        return html(200, body, "no-cache", Map.of());
    }

    private static HttpResponse favicon(Exchange ex) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "image/svg+xml; charset=utf-8");
        h.put("Cache-Control", "public, max-age=86400");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Content-Security-Policy", SVG_CSP);
        return new HttpResponse(200, h, Page.FAVICON);
    }

    /** From the page to the mount point: {@code /status} needs nothing, {@code /status/public} one {@code ../}. */
    private static String base(Exchange ex) {
        String path = ex.request().path();
        int depth = (int) path.chars().filter(c -> c == '/').count() - 1;
        return "../".repeat(Math.max(0, depth));
    }

    static HttpResponse html(int status, byte[] body, String cacheControl, Map<String, String> extra) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "text/html; charset=utf-8");
        h.put("Cache-Control", cacheControl);
        h.put("Content-Security-Policy", HTML_CSP);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Frame-Options", "DENY");
        h.putAll(extra);
        return new HttpResponse(status, h, body);
    }

    // ---- badges ----

    private static @Nullable String publicBadgePath(Item i) {
        List<String> segments = Arrays.asList(i.urlName().split("/", -1));
        if (segments.size() > MAX_NAME_SEGMENTS || segments.stream().anyMatch(s -> s.isEmpty() || s.equals(".")
                || s.equals(".."))) {
            return null; // not addressable by name; its keyed badge still is
        }
        StringBuilder b = new StringBuilder("badge/").append(i.kind());
        for (int k = 0; k < segments.size(); k++) {
            b.append('/').append(Escape.segment(segments.get(k) + (k == segments.size() - 1 ? SVG_SUFFIX : "")));
        }
        return b.toString();
    }

    private HttpResponse keyedBadge(Exchange ex) {
        String key = stripSvg(ex.param("file"));
        if (!BadgeKeys.looksLikeKey(key)) {
            throw HttpError.notFound("No such badge");
        }
        Cached c = cachedSnapshot();
        Target t = c.byKey().get(key);
        if (t == null) {
            throw HttpError.notFound("No such badge");
        }
        if (t.item() != null) {
            return subjectBadge(ex, t.item());
        }
        List<Item> members = Groups.members(c.snapshot().all(), t.label(), t.value());
        if (members.isEmpty()) {
            throw HttpError.notFound("No such badge");
        }
        return groupBadge(ex, t.value(), members);
    }

    private HttpResponse publicBadge(Exchange ex) {
        String kind = ex.param("kind");
        List<String> segments = new ArrayList<>();
        for (int i = 1; i <= MAX_NAME_SEGMENTS && ex.params().containsKey("n" + i); i++) {
            segments.add(ex.param("n" + i));
        }
        int last = segments.size() - 1;
        segments.set(last, stripSvg(segments.get(last)));
        String name = String.join("/", segments);
        for (Item i : cachedSnapshot().snapshot().of(kind)) {
            if (i.isPublic() && i.urlName().equals(name)) {
                return subjectBadge(ex, i);
            }
        }
        throw HttpError.notFound("No public subject of that kind and name");
    }

    private HttpResponse publicGroupBadge(Exchange ex) {
        String label = ex.param("label");
        String value = stripSvg(ex.param("file"));
        List<Item> members = Groups.members(cachedSnapshot().snapshot().all(), label, value).stream()
                .filter(Item::isPublic).toList();
        if (members.isEmpty()) {
            throw HttpError.notFound("No public subject in that group");
        }
        return groupBadge(ex, value, members);
    }

    private static String stripSvg(String file) {
        if (!file.endsWith(SVG_SUFFIX) || file.length() == SVG_SUFFIX.length()) {
            throw HttpError.notFound("Badges end in .svg");
        }
        return file.substring(0, file.length() - SVG_SUFFIX.length());
    }

    private HttpResponse subjectBadge(Exchange ex, Item i) {
        return svg(ex, Badge.svg(i.name(), i.statusWords(), i.tone().badgeColour()));
    }

    private HttpResponse groupBadge(Exchange ex, String value, List<Item> members) {
        Tone worst = Groups.worst(members);
        Groups.Group g = new Groups.Group("", value, members, worst, null);
        return svg(ex, Badge.svg(value, g.message(), worst.badgeColour()));
    }

    /** The badge, or 304 when the client's {@code If-None-Match} has its (strong) ETag. */
    private HttpResponse svg(Exchange ex, byte[] body) {
        String etag = "\"" + digest(body) + "\"";
        Map<String, String> h = new LinkedHashMap<>();
        h.put("ETag", etag);
        h.put("Cache-Control", "max-age=" + badgeMaxAge.toSeconds() + ", must-revalidate");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Content-Security-Policy", SVG_CSP);
        if (matches(ex.request().header("If-None-Match").orElse(null), etag)) {
            return new HttpResponse(304, h, new byte[0]);
        }
        h.put("Content-Type", "image/svg+xml; charset=utf-8");
        return new HttpResponse(200, h, body);
    }

    /** {@code If-None-Match} compares weakly (RFC 9110 13.1.2): {@code W/"x"} matches {@code "x"}, {@code *} all. */
    static boolean matches(@Nullable String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.length() > 4096) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*")) {
                return true;
            }
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String digest(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(d, 18));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The snapshot badges and the public page answer from: at most {@link Builder#cacheFor} old. */
    private Cached cachedSnapshot() {
        Instant now = vigil.clock().instant();
        Cached c = cached;
        if (c != null && !now.isBefore(c.at()) && Duration.between(c.at(), now).compareTo(cacheFor) < 0) {
            return c;
        }
        Snapshot snap = collector.collect();
        Map<String, Target> byKey = new HashMap<>();
        List<Item> all = snap.all();
        for (Item i : all) {
            byKey.put(keys.subject(i.ref()), new Target(i, null, null));
        }
        Groups.of(all).forEach((label, byValue) -> byValue.keySet().forEach(value ->
                byKey.put(keys.group(label, value), new Target(null, label, value))));
        Cached fresh = new Cached(now, snap, byKey);
        cached = fresh;
        return fresh;
    }

    // ---- errors ----

    /** Errors as the caller expects them: an SVG badge under {@code /badge}, a small HTML page elsewhere. */
    static HttpResponse renderError(ApiError e) {
        Map<String, String> extra = new LinkedHashMap<>(e.headers());
        if (e.request().path().startsWith("/badge")) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Content-Type", "image/svg+xml; charset=utf-8");
            h.put("Cache-Control", "no-store");
            h.put("X-Content-Type-Options", "nosniff");
            h.put("Content-Security-Policy", SVG_CSP);
            h.putAll(extra);
            String message = e.status() == 404 ? "not found" : Integer.toString(e.status());
            return new HttpResponse(e.status(), h, Badge.svg("vigil", message, Tone.UNKNOWN.badgeColour()));
        }
        return html(e.status(), Page.error(e.status(), e.message()), "no-store", extra);
    }

    /** Settings of a status page; {@link #build()} checks them. */
    public static final class Builder {
        private final Vigil vigil;
        private String title = "Vigil status";
        private Duration refreshEvery = Duration.ofSeconds(30);
        private Duration cacheFor = Duration.ofSeconds(5);
        private Duration badgeMaxAge = Duration.ofSeconds(30);
        private final List<List<LabelMatcher>> publicSelectors = new ArrayList<>();
        private final List<SubjectKind<?, ?>> kinds = new ArrayList<>();
        private byte[] secret;

        private Builder(Vigil vigil) {
            this.vigil = Objects.requireNonNull(vigil, "vigil");
            this.secret = new byte[32];
            new SecureRandom().nextBytes(secret);
        }

        /** The page's heading (default {@code Vigil status}). */
        public Builder title(String title) {
            Objects.requireNonNull(title, "title");
            if (title.isBlank() || title.length() > 200 || !Text.isPrintable(title)) {
                throw new IllegalArgumentException("a title is 1 to 200 printable characters");
            }
            this.title = title;
            return this;
        }

        /** How often the page reloads itself (a meta refresh; default 30 s, 5 s to 1 h). */
        public Builder refreshEvery(Duration every) {
            Objects.requireNonNull(every, "every");
            if (every.toSeconds() < 5 || every.toSeconds() > 3600) {
                throw new IllegalArgumentException("refreshEvery must be between 5 s and 1 h, got " + every);
            }
            this.refreshEvery = every;
            return this;
        }

        /**
         * How long badges and the public page (which anyone may ask for) reuse what they read (default 5 s; 0 reads
         * for every request). The admin page always reads afresh.
         */
        public Builder cacheFor(Duration d) {
            Objects.requireNonNull(d, "cacheFor");
            if (d.isNegative() || d.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("cacheFor must be between 0 and 10 min, got " + d);
            }
            this.cacheFor = d;
            return this;
        }

        /** The {@code max-age} of badges (default 30 s, up to 1 day); they also carry an ETag. */
        public Builder badgeMaxAge(Duration d) {
            Objects.requireNonNull(d, "badgeMaxAge");
            if (d.isNegative() || d.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("badgeMaxAge must be between 0 and 1 day, got " + d);
            }
            this.badgeMaxAge = d;
            return this;
        }

        /**
         * The secret badge keys are derived from (at least 16 characters, e.g. from
         * {@code Authenticators.generateSecret()}). Keep it stable so badge URLs survive restarts; changing it
         * revokes every keyed badge URL. Default: 32 random bytes drawn when the page is built.
         */
        public Builder badgeSecret(String secret) {
            Objects.requireNonNull(secret, "secret");
            if (secret.length() < 16 || secret.length() > 512) {
                throw new IllegalArgumentException("a badge secret has 16 to 512 characters");
            }
            this.secret = secret.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /**
         * Marks subjects public: those whose labels match every one of {@code matchers} (Alertmanager syntax, as in
         * routes and silences: {@code group=Public}, {@code kind=service}, {@code tag.public=true},
         * {@code app=~billing-.*}). Call it again for another selector; a subject matching any selector is public.
         *
         * @throws IllegalArgumentException for a malformed matcher, or none
         */
        public Builder publicSubjects(String... matchers) {
            Objects.requireNonNull(matchers, "matchers");
            if (matchers.length == 0) {
                throw new IllegalArgumentException("publicSubjects needs at least one matcher");
            }
            List<LabelMatcher> selector = new ArrayList<>();
            for (String m : matchers) {
                selector.add(LabelMatcher.parse(Objects.requireNonNull(m, "matcher")));
            }
            publicSelectors.add(List.copyOf(selector));
            return this;
        }

        /** Also shows the subjects of a custom kind registered with {@code Vigil.builder().kind(...)}. */
        public Builder kind(SubjectKind<?, ?> kind) {
            Objects.requireNonNull(kind, "kind");
            vigil.subjects(kind); // throws now if this Vigil does not run it
            kinds.add(kind);
            return this;
        }

        public StatusPage build() {
            return new StatusPage(this);
        }
    }
}
