package dev.vigil.status.internal;

import dev.vigil.service.HealthStatus;
import dev.vigil.service.Service;
import dev.vigil.service.ServiceTree;
import dev.vigil.service.StorageLevel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders a {@link Snapshot} as one HTML page: no script, one hashed style sheet ({@link Css}), a meta refresh, and
 * every text that came from outside through {@link Escape#html}.
 */
public final class Page {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * How one page is drawn.
     *
     * @param base       the relative path from the page to the mount point ({@code ""} or {@code "../"})
     * @param publicView true for the public page (public badge links, no admin links)
     * @param publicPage whether a public page exists (the admin page links to it)
     * @param groups     the group badges to list (admin page only)
     */
    public record Settings(String title, int refreshSeconds, String base, boolean publicView, boolean publicPage,
            List<Groups.Group> groups) {
    }

    /** Where a subject's badge is, relative to the mount point; null for none. */
    @FunctionalInterface
    public interface BadgeLinks {
        @Nullable String of(Item item);
    }

    private final StringBuilder out = new StringBuilder(16 * 1024);
    private final Snapshot snap;
    private final Settings settings;
    private final BadgeLinks badges;

    private Page(Snapshot snap, Settings settings, BadgeLinks badges) {
        this.snap = snap;
        this.settings = settings;
        this.badges = badges;
    }

    public static byte[] render(Snapshot snap, Settings settings, BadgeLinks badges) {
        Page p = new Page(snap, settings, badges);
        p.page();
        return p.out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A small page for an error, in the page's style. */
    public static byte[] error(int status, String message) {
        String text = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status
                + " · Vigil status</title><style>" + Css.SHEET + "</style></head><body><header class=\"top\">"
                + "<div class=\"wrap\"><h1>Vigil status</h1></div></header><main class=\"wrap\"><section class=\"kind\">"
                + "<h2>" + status + "</h2><p class=\"empty\">" + Escape.html(message) + "</p></section></main></body>"
                + "</html>";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The page's icon (the same for every status, so it tells nothing to whoever fetches it). */
    public static final byte[] FAVICON = ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
            + "<rect width=\"32\" height=\"32\" rx=\"7\" fill=\"#111827\"/>"
            + "<path d=\"M4 16h6l3-7 5 14 3-7h7\" fill=\"none\" stroke=\"#4ade80\" stroke-width=\"3\""
            + " stroke-linecap=\"round\" stroke-linejoin=\"round\"/></svg>").getBytes(StandardCharsets.UTF_8);

    private Page w(String raw) {
        out.append(raw);
        return this;
    }

    private Page t(String text) {
        out.append(Escape.html(text));
        return this;
    }

    private void page() {
        List<Item> all = snap.all();
        Map<Tone, Integer> counts = counts(all);
        Tone worst = all.stream().map(Item::tone).reduce(Tone.UP, Tone::worse);
        w("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .w("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .w("<meta http-equiv=\"refresh\" content=\"").w(Integer.toString(settings.refreshSeconds())).w("\">")
                .w("<meta name=\"referrer\" content=\"no-referrer\">")
                .w("<link rel=\"icon\" type=\"image/svg+xml\" href=\"").t(settings.base()).w("status/favicon.svg\">")
                .w("<title>").t(bannerWords(counts, all.size())).w(" · ").t(settings.title()).w("</title>")
                .w("<style>").w(Css.SHEET).w("</style></head><body>");
        w("<header class=\"top\"><div class=\"wrap\"><div class=\"brand\"><span class=\"dot ").w(worst.css())
                .w("\"></span><h1>").t(settings.title()).w("</h1></div><p class=\"meta\">")
                .w(settings.publicView() ? "Public status" : "All subjects (admin)")
                .w(" · updated ").w(time(snap.now(), SHOWN.format(snap.now())))
                .w(" · refreshes every ").w(Integer.toString(settings.refreshSeconds())).w(" s</p></div></header>");
        w("<main class=\"wrap\">");
        w("<section class=\"banner ").w(all.isEmpty() ? Tone.NEW.css() : worst.css())
                .w("\" id=\"overall\"><strong>").t(bannerWords(counts, all.size())).w("</strong><span>")
                .t(all.size() + " subject" + (all.size() == 1 ? "" : "s")).t(detailWords(counts)).w("</span></section>");
        cards();
        for (Map.Entry<String, List<Item>> e : snap.kinds().entrySet()) {
            String kind = e.getKey();
            if (settings.publicView() && e.getValue().isEmpty()) {
                continue; // a public page shows what is published, not the kinds it does not use
            }
            if (kind.equals(Collector.SERVICE)) {
                services(e.getValue());
                if (!settings.publicView() || !snap.storage().isEmpty()) {
                    storage();
                }
            } else {
                items(kind, snap.titles().get(kind), e.getValue());
            }
        }
        if (!settings.groups().isEmpty()) {
            groups();
        }
        w("</main><footer class=\"wrap\">Vigil · read-only status page");
        if (!settings.publicView() && settings.publicPage()) {
            w(" · <a href=\"").w(settings.base()).w("status/public\">public page</a>");
        }
        w("</footer></body></html>\n");
    }

    private static Map<Tone, Integer> counts(List<Item> items) {
        Map<Tone, Integer> counts = new EnumMap<>(Tone.class);
        items.forEach(i -> counts.merge(i.tone(), 1, Integer::sum));
        return counts;
    }

    private static String bannerWords(Map<Tone, Integer> counts, int total) {
        if (total == 0) {
            return "Nothing monitored yet";
        }
        int down = counts.getOrDefault(Tone.DOWN, 0);
        int warn = counts.getOrDefault(Tone.WARN, 0);
        if (down > 0) {
            return down + " down";
        }
        if (warn > 0) {
            return warn + (warn == 1 ? " warning" : " warnings");
        }
        return counts.getOrDefault(Tone.UNKNOWN, 0) > 0 ? "Some statuses unknown" : "All systems operational";
    }

    private static String detailWords(Map<Tone, Integer> counts) {
        StringBuilder b = new StringBuilder();
        for (Tone t : new Tone[] {Tone.UP, Tone.WARN, Tone.UNKNOWN, Tone.NEW, Tone.PAUSED}) {
            int n = counts.getOrDefault(t, 0);
            if (n > 0) {
                b.append(" · ").append(n).append(' ').append(t.word());
            }
        }
        return b.toString();
    }

    private void cards() {
        w("<nav class=\"cards\" aria-label=\"Summary\">");
        for (Map.Entry<String, List<Item>> e : snap.kinds().entrySet()) {
            if (settings.publicView() && e.getValue().isEmpty()) {
                continue;
            }
            w("<a class=\"card\" href=\"#").w(e.getKey()).w("\"><span class=\"card-title\">")
                    .t(snap.titles().get(e.getKey())).w("</span><span class=\"card-n\">")
                    .w(Integer.toString(e.getValue().size())).w("</span><span class=\"chips\">");
            Map<Tone, Integer> counts = counts(e.getValue());
            for (Tone t : new Tone[] {Tone.DOWN, Tone.WARN, Tone.UNKNOWN, Tone.NEW, Tone.PAUSED, Tone.UP}) {
                Integer n = counts.get(t);
                if (n != null) {
                    w("<span class=\"chip ").w(t.css()).w("\">").w(n.toString()).w(" ").w(t.word()).w("</span>");
                }
            }
            w("</span></a>");
        }
        w("</nav>");
    }

    private void sectionStart(String id, String title, int count) {
        w("<section class=\"kind\" id=\"").w(id).w("\"><h2>").t(title).w(" <span class=\"count\">")
                .w(Integer.toString(count)).w("</span></h2>");
    }

    private void items(String kind, String title, List<Item> items) {
        sectionStart(kind, title, items.size());
        if (items.isEmpty()) {
            w("<p class=\"empty\">").t(kind.equals(Collector.PROBLEM) ? "No open problems." : "None yet.")
                    .w("</p></section>");
            return;
        }
        w("<table><thead><tr><th>Status</th><th>Name</th><th>Since</th><th class=\"hide-sm\">Last signal</th>")
                .w("<th class=\"hide-sm\">Badge</th></tr></thead><tbody>");
        for (Item i : items) {
            row(i);
        }
        w("</tbody></table></section>");
    }

    private void row(Item i) {
        w("<tr data-kind=\"").t(i.kind()).w("\" data-key=\"").t(i.ref().key()).w("\"><td class=\"st\">");
        pill(i.tone(), i.statusWords());
        w("</td><td><span class=\"nm\">").t(i.name()).w("</span>");
        if (!settings.publicView() && i.isPublic()) {
            w("<span class=\"tag\">public</span>");
        }
        if (showText(i.detail())) {
            w("<span class=\"sub\">").t(i.detail()).w("</span>");
        }
        w("</td><td>").w(ago(i.since())).w("</td><td class=\"hide-sm\">");
        if (i.lastSignal() == null) {
            w("<span class=\"sub\">never</span>");
        } else {
            w(ago(i.lastSignal()));
        }
        if (showText(i.signalText())) {
            w("<span class=\"sub\">").t(i.signalText()).w("</span>");
        }
        w("</td><td class=\"hide-sm\">");
        badgeLink(badges.of(i));
        w("</td></tr>");
    }

    /**
     * Messages, groups, tags and patterns are for the admin: a public page shows names, statuses and times only, since
     * what a job or a report says about itself may be internal.
     */
    private boolean showText(String text) {
        return !text.isEmpty() && !settings.publicView();
    }

    private void badgeLink(@Nullable String path) {
        if (path != null) {
            w("<a class=\"badge-link\" href=\"").t(settings.base() + path).w("\">SVG badge</a>");
        }
    }

    private void pill(Tone tone, String words) {
        w("<span class=\"pill ").w(tone.css()).w("\">").t(words).w("</span>");
    }

    private String ago(Instant at) {
        return time(at, Durations.ago(at, snap.now()));
    }

    private static String time(Instant at, String shown) {
        String iso = at.truncatedTo(ChronoUnit.SECONDS).toString();
        return "<time datetime=\"" + iso + "\" title=\"" + SHOWN.format(at) + "\">" + Escape.html(shown) + "</time>";
    }

    // ---- services ----

    private void services(List<Item> items) {
        sectionStart(Collector.SERVICE, snap.titles().get(Collector.SERVICE), items.size());
        if (items.isEmpty()) {
            w("<p class=\"empty\">None yet.</p></section>");
            return;
        }
        Map<String, Item> byPath = new java.util.HashMap<>();
        items.forEach(i -> byPath.put(i.ref().key(), i));
        w("<ul class=\"tree\">");
        for (ServiceTree.Node n : snap.tree().roots()) {
            node(n, byPath);
        }
        w("</ul></section>");
    }

    private void node(ServiceTree.Node n, Map<String, Item> byPath) {
        if (n.level().equals("service")) {
            Item i = byPath.get(n.path());
            if (i == null) {
                return; // not shown (not public), or created after the list was read
            }
            w("<li class=\"leaf\" data-kind=\"service\" data-key=\"").t(n.path()).w("\">");
            pill(i.tone(), i.statusWords());
            w("<span class=\"nm\">").t(n.name()).w("</span>");
            if (!settings.publicView() && i.isPublic()) {
                w("<span class=\"tag\">public</span>");
            }
            w("<span class=\"sub\">since ").w(ago(i.since())).w(" · last report ")
                    .w(i.lastSignal() == null ? "never" : ago(i.lastSignal()));
            if (showText(i.signalText())) {
                w(" · ").t(i.signalText());
            }
            if (showText(i.detail())) {
                w(" · ").t(i.detail());
            }
            if (n.misconfiguredReports() > 0) {
                w(" · ").t(n.misconfiguredReports() + " misconfigured report"
                        + (n.misconfiguredReports() == 1 ? "" : "s"));
            }
            w("</span> ");
            badgeLink(badges.of(i));
            w("</li>");
            return;
        }
        w("<li").w(n.unknownBranch() ? " class=\"unknown-branch\"" : "").w("><details open><summary>");
        pill(toneOf(n.status()), Badge.words(n.status().name()));
        w("<span class=\"nm\">").t(n.name()).w("</span><span class=\"sub\">").t(n.level() + " · " + n.services()
                + " service" + (n.services() == 1 ? "" : "s")).w("</span>");
        if (n.unknownBranch()) {
            w("<span class=\"flag\" title=\"Reports whose path had fewer than five segments land here\">⚠ ")
                    .t(n.misconfiguredReports() + " misconfigured push" + (n.misconfiguredReports() == 1 ? "" : "es"))
                    .w("</span>");
        }
        w("</summary><ul>");
        for (ServiceTree.Node c : n.children()) {
            node(c, byPath);
        }
        w("</ul></details></li>");
    }

    static Tone toneOf(HealthStatus s) {
        return switch (s) {
            case OPERATIONAL -> Tone.UP;
            case DEGRADED -> Tone.WARN;
            case DOWN -> Tone.DOWN;
            case MAINTENANCE -> Tone.PAUSED;
            case UNKNOWN -> Tone.UNKNOWN;
        };
    }

    private void storage() {
        List<Item> items = snap.storage();
        sectionStart("storage", "Storage", items.size());
        if (items.isEmpty()) {
            w("<p class=\"empty\">No service tagged storage.</p></section>");
            return;
        }
        w("<table><thead><tr><th>Level</th><th>Service</th><th>Free</th><th class=\"hide-sm\">Used / allocated</th>")
                .w("<th class=\"hide-sm\">Reported</th></tr></thead><tbody>");
        for (Item i : items) {
            Service s = snap.services().get(i.ref().key());
            Service.Storage st = s.storage();
            w("<tr data-kind=\"storage\" data-key=\"").t(i.ref().key()).w("\"><td class=\"st\">");
            StorageLevel level = st == null ? StorageLevel.UNKNOWN : st.level();
            pill(switch (level) {
                case HEALTHY -> Tone.UP;
                case WARNING -> Tone.WARN;
                case CRITICAL -> Tone.DOWN;
                case UNKNOWN -> Tone.UNKNOWN;
            }, level.wireName());
            w("</td><td><span class=\"nm\">").t(i.name()).w("</span>");
            if (st != null && (st.storageType() != null || st.mountPath() != null)) {
                w("<span class=\"sub\">").t(String.join(" · ", java.util.stream.Stream.of(st.storageType(),
                        st.mountPath()).filter(java.util.Objects::nonNull).toList())).w("</span>");
            }
            w("</td><td>");
            if (st != null && st.freePercent() != null) {
                String free = String.format(Locale.ROOT, "%.1f", st.freePercent());
                w("<meter min=\"0\" max=\"100\" low=\"10\" high=\"30\" optimum=\"100\" value=\"").w(free).w("\">")
                        .w(free).w(" %</meter> ").w(free).w(" %");
            } else {
                w("<span class=\"sub\">unknown</span>");
            }
            w("</td><td class=\"hide-sm\">");
            if (st != null && st.usedBytes() != null && st.allocatedBytes() != null) {
                t(bytes(st.usedBytes()) + " / " + bytes(st.allocatedBytes()));
            }
            w("</td><td class=\"hide-sm\">");
            if (st != null) {
                w(ago(st.reportedAt()));
            }
            w("</td></tr>");
        }
        w("</tbody></table></section>");
    }

    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    // ---- groups ----

    private void groups() {
        sectionStart("groups", "Group badges", settings.groups().size());
        w("<details class=\"more\"><summary>Badges summing up each group, tag, SLA group, environment, app and kind"
                + "</summary><table><thead><tr><th>Status</th><th>Group</th><th>Subjects</th><th>Badge</th></tr></thead><tbody>");
        for (Groups.Group g : settings.groups()) {
            w("<tr data-kind=\"group\" data-key=\"").t(g.label() + "=" + g.value()).w("\"><td class=\"st\">");
            pill(g.tone(), g.tone().word());
            w("</td><td><span class=\"nm\">").t(g.value()).w("</span><span class=\"sub\">").t(g.label())
                    .w("</span></td><td>").w(Integer.toString(g.items().size())).w("</td><td>");
            badgeLink(g.badgePath());
            w("</td></tr>");
        }
        w("</tbody></table></details></section>");
    }
}
