package dev.vigil.task;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One alert-rule task as seed 003 defines it: its type, the app, the type's settings and where to notify. Built with
 * {@link #fiveXx}, {@link #memory}, {@link #crashed} or {@link #release}; every value is checked when it is built,
 * with an {@link IllegalArgumentException} whose message starts with the field's name ({@code "warn: ..."}).
 *
 * <pre>{@code
 * TaskSpec spec = TaskSpec.memory("billing-prod", "web", 200, 500, Duration.ofHours(12), Duration.ofMinutes(1))
 *         .slack("#ops").email("oncall@example.com").build();
 * }</pre>
 *
 * @param dynotype  memory: the dyno type watched ({@code web}, {@code worker}, ... or {@code all}); null otherwise
 * @param tolerance 5xx: how many standard deviations are tolerated; null otherwise
 * @param warn      memory: WARNING above this mean, in MB; null otherwise
 * @param crit      memory: CRITICAL above this mean, in MB; null otherwise
 * @param window    memory: the window the mean is taken over (1m to 24h); null otherwise
 * @param every     memory: how often it is checked (10s to 1h, at most the window); null otherwise
 * @param slack     a Slack channel ({@code #ops}) or user ({@code @user}), posted to by the {@code slack} channel
 * @param email     e-mail addresses separated by commas, sent to by the {@code email} channel
 * @param post      a URL that receives Kapacitor's alert JSON
 */
public record TaskSpec(TaskType type, String app, @Nullable String dynotype, @Nullable Tolerance tolerance,
        @Nullable Double warn, @Nullable Double crit, @Nullable Duration window, @Nullable Duration every,
        @Nullable String slack, @Nullable String email, @Nullable String post) {

    /** The dyno type that matches every dyno. */
    public static final String ALL_DYNOS = "all";
    /** The 5xx window and period: counts over 10 minutes, every minute. */
    public static final Duration FIVE_XX_WINDOW = Duration.ofMinutes(10);
    public static final Duration FIVE_XX_EVERY = Duration.ofMinutes(1);
    public static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    public static final Duration MAX_WINDOW = Duration.ofHours(24);
    public static final Duration MIN_EVERY = Duration.ofSeconds(10);
    public static final Duration MAX_EVERY = Duration.ofHours(1);

    private static final Pattern APP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern DYNOTYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");
    private static final Pattern SLACK = Pattern.compile("[#@]?[\\p{L}\\p{N}._-]{1,80}");
    private static final Pattern SLACK_ID = Pattern.compile("[CGDU][A-Z0-9]{8,}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,<>\"]+@[^@\\s,<>\"]+\\.[^@\\s,<>\".]+");
    private static final int MAX_EMAILS = 20;

    public TaskSpec {
        Objects.requireNonNull(type, "type");
        app = checkApp(app);
        slack = normalizeSlack(slack);
        email = normalizeEmail(email);
        post = checkPost(post);
        if (slack == null && email == null && post == null) {
            throw new IllegalArgumentException("slack, email or post: at least one notification option is required");
        }
        if (type == TaskType.FIVE_XX) {
            if (tolerance == null) {
                throw new IllegalArgumentException("tolerance: is required (low, medium or high)");
            }
        } else if (tolerance != null) {
            throw new IllegalArgumentException("tolerance: only 5xx tasks have one");
        }
        if (type == TaskType.MEMORY) {
            if (dynotype == null || dynotype.isBlank()) {
                throw new IllegalArgumentException("dynotype: is required (web, worker, ... or all)");
            }
            dynotype = dynotype.trim().toLowerCase(Locale.ROOT);
            if (!DYNOTYPE.matcher(dynotype).matches()) {
                throw new IllegalArgumentException("dynotype: must be a dyno type such as web, worker or all (letters,"
                        + " digits, - and _), got '" + shown(dynotype) + "'");
            }
            checkMegabytes("warn", warn);
            checkMegabytes("crit", crit);
            if (warn >= crit) {
                throw new IllegalArgumentException("warn: must be below crit (" + megabytes(crit) + "), got "
                        + megabytes(warn));
            }
            if (window == null) {
                throw new IllegalArgumentException("window: is required, e.g. 12h");
            }
            if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
                throw new IllegalArgumentException("window: must be between 1m and 24h, got " + window);
            }
            if (every == null) {
                throw new IllegalArgumentException("every: is required, e.g. 1m");
            }
            if (every.compareTo(MIN_EVERY) < 0 || every.compareTo(MAX_EVERY) > 0) {
                throw new IllegalArgumentException("every: must be between 10s and 1h, got " + every);
            }
            if (every.compareTo(window) > 0) {
                throw new IllegalArgumentException("every: must not be longer than the window (" + window + "), got "
                        + every);
            }
        } else {
            for (Object[] f : new Object[][] {{"dynotype", dynotype}, {"warn", warn}, {"crit", crit},
                    {"window", window}, {"every", every}}) {
                if (f[1] != null) {
                    throw new IllegalArgumentException(f[0] + ": only memory tasks have one");
                }
            }
        }
    }

    /** A 5xx task on {@code app}. */
    public static Builder fiveXx(String app, Tolerance tolerance) {
        Builder b = new Builder(TaskType.FIVE_XX, app);
        b.tolerance = tolerance;
        return b;
    }

    /** A memory task on {@code app}'s dynos of type {@code dynotype} ({@code all} for every dyno). */
    public static Builder memory(String app, String dynotype, double warnMb, double critMb, Duration window,
            Duration every) {
        Builder b = new Builder(TaskType.MEMORY, app);
        b.dynotype = dynotype;
        b.warn = warnMb;
        b.crit = critMb;
        b.window = window;
        b.every = every;
        return b;
    }

    public static Builder crashed(String app) {
        return new Builder(TaskType.CRASHED, app);
    }

    public static Builder release(String app) {
        return new Builder(TaskType.RELEASE, app);
    }

    /** A builder holding this spec's values, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder(type, app);
        b.dynotype = dynotype;
        b.tolerance = tolerance;
        b.warn = warn;
        b.crit = crit;
        b.window = window;
        b.every = every;
        b.slack = slack;
        b.email = email;
        b.post = post;
        return b;
    }

    /**
     * The task's key among all tasks: {@code 5xx/<app>}, {@code memory/<app>/<dynotype>}, {@code crashed/<app>} or
     * {@code release/<app>}.
     */
    public String key() {
        return type == TaskType.MEMORY ? key(type, app, dynotype) : key(type, app, null);
    }

    public static String key(TaskType type, String app, @Nullable String dynotype) {
        return type == TaskType.MEMORY ? type.wireName() + "/" + app + "/" + dynotype : type.wireName() + "/" + app;
    }

    /** How often the task is evaluated; null for occurrence tasks. */
    public @Nullable Duration period() {
        return switch (type) {
            case FIVE_XX -> FIVE_XX_EVERY;
            case MEMORY -> every;
            default -> null;
        };
    }

    /** Whether a dyno such as {@code web.1} is one of this memory task's. */
    public boolean watchesDyno(String dyno) {
        return ALL_DYNOS.equals(dynotype) || dynoType(dyno).equals(dynotype);
    }

    /** A dyno's type: the part before the first dot ({@code web.1} is a {@code web}). */
    public static String dynoType(String dyno) {
        int dot = dyno.indexOf('.');
        return (dot < 0 ? dyno : dyno.substring(0, dot)).toLowerCase(Locale.ROOT);
    }

    /** Megabytes as the seed writes them: {@code "200"}, or {@code "200.5"}. */
    public static String megabytes(double mb) {
        return mb == Math.rint(mb) && Math.abs(mb) < 1e15 ? Long.toString((long) mb) : Double.toString(mb);
    }

    /**
     * Checks an app name: letters, digits, {@code .}, {@code -} and {@code _}, at most 128.
     *
     * @throws IllegalArgumentException starting with {@code app:}
     */
    public static String requireApp(@Nullable String app) {
        return checkApp(app);
    }

    static String checkApp(@Nullable String app) {
        if (app == null || app.isBlank()) {
            throw new IllegalArgumentException("app: is required");
        }
        if (!APP.matcher(app).matches()) {
            throw new IllegalArgumentException("app: must be an app name of letters, digits, '.', '-' and '_' (at most"
                    + " 128), got '" + shown(app) + "'");
        }
        return app;
    }

    private static void checkMegabytes(String field, @Nullable Double mb) {
        if (mb == null) {
            throw new IllegalArgumentException(field + ": is required, in MB (e.g. \"200\")");
        }
        if (mb.isNaN() || mb.isInfinite() || mb <= 0) {
            throw new IllegalArgumentException(field + ": must be a number of MB above 0, got " + mb);
        }
    }

    /** {@code ops} and {@code #ops} become {@code #ops}; {@code @user} and Slack ids stay. */
    private static @Nullable String normalizeSlack(@Nullable String slack) {
        if (slack == null || slack.isBlank()) {
            return null;
        }
        String s = slack.trim();
        if (!SLACK.matcher(s).matches()) {
            throw new IllegalArgumentException("slack: must be a channel such as #ops or ops, or a user such as @alice,"
                    + " got '" + shown(s) + "'");
        }
        if (s.startsWith("#") || s.startsWith("@") || SLACK_ID.matcher(s).matches()) {
            return s;
        }
        return "#" + s;
    }

    private static @Nullable String normalizeEmail(@Nullable String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String part : email.split(",")) {
            String a = part.trim();
            if (a.isEmpty()) {
                continue;
            }
            if (!EMAIL.matcher(a).matches()) {
                throw new IllegalArgumentException("email: '" + shown(a) + "' is not an e-mail address");
            }
            out.add(a);
        }
        if (out.isEmpty()) {
            return null;
        }
        if (out.size() > MAX_EMAILS) {
            throw new IllegalArgumentException("email: at most " + MAX_EMAILS + " addresses, got " + out.size());
        }
        return String.join(",", out);
    }

    private static @Nullable String checkPost(@Nullable String post) {
        if (post == null || post.isBlank()) {
            return null;
        }
        String p = post.trim();
        URI uri;
        try {
            uri = new URI(p);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("post: '" + shown(p) + "' is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("post: must be an http:// or https:// URL, got '" + shown(p) + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("post: the URL has no host: '" + shown(p) + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("post: the URL must not carry credentials");
        }
        if (p.length() > 2000) {
            throw new IllegalArgumentException("post: the URL is longer than 2000 characters");
        }
        return p;
    }

    private static String shown(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        return dev.vigil.model.Text.forLog(cut);
    }

    /** Collects a spec's values; {@link #build()} checks them all. */
    public static final class Builder {
        private final TaskType type;
        private final String app;
        private @Nullable String dynotype;
        private @Nullable Tolerance tolerance;
        private @Nullable Double warn;
        private @Nullable Double crit;
        private @Nullable Duration window;
        private @Nullable Duration every;
        private @Nullable String slack;
        private @Nullable String email;
        private @Nullable String post;

        private Builder(TaskType type, String app) {
            this.type = type;
            this.app = app;
        }

        /** A Slack channel ({@code #ops}, {@code ops}) or user ({@code @alice}); null or blank for none. */
        public Builder slack(@Nullable String channel) {
            this.slack = channel;
            return this;
        }

        /** E-mail addresses separated by commas; null or blank for none. */
        public Builder email(@Nullable String addresses) {
            this.email = addresses;
            return this;
        }

        /** A URL that receives Kapacitor's alert JSON; null or blank for none. */
        public Builder post(@Nullable String url) {
            this.post = url;
            return this;
        }

        public Builder tolerance(Tolerance t) {
            this.tolerance = t;
            return this;
        }

        public Builder thresholds(double warnMb, double critMb) {
            this.warn = warnMb;
            this.crit = critMb;
            return this;
        }

        public Builder window(Duration w) {
            this.window = w;
            return this;
        }

        public Builder every(Duration e) {
            this.every = e;
            return this;
        }

        /** @throws IllegalArgumentException naming the first field that is wrong */
        public TaskSpec build() {
            return new TaskSpec(type, app, dynotype, tolerance, warn, crit, window, every, slack, email, post);
        }
    }
}
