package dev.vigil.internal;

import dev.vigil.config.ConfigException;
import dev.vigil.config.VigilConfig;
import dev.vigil.config.MonitorDefinition;
import dev.vigil.config.HeartbeatDefinition;
import dev.vigil.config.ServiceDefinition;
import dev.vigil.heartbeat.HeartbeatSpec;
import dev.vigil.entity.EntityDefinition;
import dev.vigil.service.ServiceDeclaration;
import dev.vigil.service.ServicePath;
import dev.vigil.config.ApiKeyDefinition;
import dev.vigil.config.ChannelDefinition;
import dev.vigil.config.RoutingConfig;

import dev.vigil.internal.Durations;
import dev.vigil.model.Text;
import dev.vigil.internal.YamlTree;
import dev.vigil.internal.YamlTree.ListNode;
import dev.vigil.internal.YamlTree.MapNode;
import dev.vigil.internal.YamlTree.Node;
import dev.vigil.internal.YamlTree.Scalar;
import dev.vigil.monitor.PushMonitorSpec;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads Vigil's YAML configuration: the seed 002 {@code monitors:} list and named {@code channels:}. Every
 * scalar may use {@code ${ENV_VAR}} or {@code ${ENV_VAR:-default}} ({@code $${} is a literal {@code ${}).
 * Errors name the file, the line and the field.
 */
public final class ConfigLoader {
    private static final Pattern VAR = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final Set<String> TOP = Set.of("monitors", "channels", "outbound", "routing", "http", "services",
            "heartbeats", "entities");
    private static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private final String source;
    private final Map<String, String> env;

    private ConfigLoader(String source, Map<String, String> env) {
        this.source = source;
        this.env = env;
    }

    /** Loads a file, substituting variables from the process environment. */
    public static VigilConfig load(Path file) {
        return load(file, System.getenv());
    }

    public static VigilConfig load(Path file, Map<String, String> env) {
        String name = file.toString();
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException(name, 0, "", "file is larger than " + MAX_FILE_BYTES / 1024 / 1024 + " MiB");
            }
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return parse(name, r, env);
            }
        } catch (IOException e) {
            throw new ConfigException(name, 0, "", "cannot read the file: " + e.getMessage());
        }
    }

    /** Parses YAML text; {@code sourceName} is used in error messages. */
    public static VigilConfig parse(String sourceName, String yaml, Map<String, String> env) {
        return parse(sourceName, new StringReader(yaml), env);
    }

    static VigilConfig parse(String sourceName, Reader reader, Map<String, String> env) {
        Node root;
        try {
            root = YamlTree.read(reader);
        } catch (YamlTree.YamlException e) {
            throw new ConfigException(sourceName, e.line(), "", e.getMessage());
        }
        return new ConfigLoader(sourceName, env).bind(root);
    }

    private VigilConfig bind(Node root) {
        MapNode top = map(root, "");
        checkKeys(top, "", TOP);
        Map<String, ChannelDefinition> channels = new LinkedHashMap<>();
        Node ch = top.entries().get("channels");
        if (ch != null && !isNull(ch)) {
            for (Map.Entry<String, Node> e : map(ch, "channels").entries().entrySet()) {
                channels.put(e.getKey(), channel(e.getKey(), e.getValue(), "channels." + e.getKey()));
            }
        }
        List<MonitorDefinition> monitors = new ArrayList<>();
        Node ms = top.entries().get("monitors");
        if (ms != null && !isNull(ms)) {
            Set<String> names = new HashSet<>();
            List<Node> items = list(ms, "monitors").items();
            for (int i = 0; i < items.size(); i++) {
                String path = "monitors[" + i + "]";
                MonitorDefinition def = monitor(items.get(i), path);
                if (!names.add(def.spec().name())) {
                    throw error(items.get(i), path + ".name", "another monitor is named \""
                            + Text.forLog(def.spec().name()) + "\"; names must be unique");
                }
                monitors.add(def);
            }
        }
        boolean allowPrivate = false;
        Node outbound = top.entries().get("outbound");
        if (outbound != null && !isNull(outbound)) {
            MapNode o = map(outbound, "outbound");
            checkKeys(o, "outbound", Set.of("allow_private_targets"));
            Node allow = o.entries().get("allow_private_targets");
            allowPrivate = allow != null && !isNull(allow) && bool(allow, "outbound.allow_private_targets");
        }
        Node routingNode = top.entries().get("routing");
        RoutingConfig routing = routingNode == null || isNull(routingNode) ? RoutingConfig.NONE
                : routing(map(routingNode, "routing"));
        Node httpNode = top.entries().get("http");
        List<ApiKeyDefinition> apiKeys = httpNode == null || isNull(httpNode) ? List.of()
                : apiKeys(map(httpNode, "http"));
        List<ServiceDefinition> services = new ArrayList<>();
        Node ss = top.entries().get("services");
        if (ss != null && !isNull(ss)) {
            Set<String> paths = new HashSet<>();
            List<Node> items = list(ss, "services").items();
            for (int i = 0; i < items.size(); i++) {
                String path = "services[" + i + "]";
                ServiceDefinition def = service(items.get(i), path);
                if (!paths.add(def.path())) {
                    throw error(items.get(i), path + ".path", "service " + Text.forLog(def.path())
                            + " is declared twice");
                }
                services.add(def);
            }
        }
        List<HeartbeatDefinition> heartbeats = new ArrayList<>();
        Node hs = top.entries().get("heartbeats");
        if (hs != null && !isNull(hs)) {
            Map<Map<String, String>, Integer> patterns = new HashMap<>();
            List<Node> items = list(hs, "heartbeats").items();
            for (int i = 0; i < items.size(); i++) {
                String path = "heartbeats[" + i + "]";
                HeartbeatDefinition def = heartbeat(items.get(i), path);
                Integer before = patterns.putIfAbsent(def.spec().pattern(), i);
                if (before != null) {
                    throw error(items.get(i), path + ".pattern", "the same pattern as heartbeats[" + before
                            + "]; a pattern is declared once");
                }
                heartbeats.add(def);
            }
        }
        List<EntityDefinition> entities = new ArrayList<>();
        Node es = top.entries().get("entities");
        if (es != null && !isNull(es)) {
            Set<String> ids = new HashSet<>();
            List<Node> items = list(es, "entities").items();
            for (int i = 0; i < items.size(); i++) {
                String path = "entities[" + i + "]";
                EntityDefinition def = entity(items.get(i), path);
                if (!ids.add(def.type() + "\u0000" + def.displayName())) {
                    throw error(items.get(i), path + ".displayName", "entity " + def.type() + " "
                            + Text.forLog(def.displayName()) + " is declared twice");
                }
                entities.add(def);
            }
        }
        return new VigilConfig(source, monitors, channels, allowPrivate, routing, apiKeys, services, heartbeats,
                entities);
    }

    /**
     * One entry of {@code heartbeats:}: {@code pattern} (field: value, values as text), {@code expected_interval}
     * ({@code 10s}, {@code 15m}, {@code 1h}) and optionally {@code min_sources} with {@code source_field}.
     */
    private HeartbeatDefinition heartbeat(Node node, String path) {
        MapNode m = map(node, path);
        checkKeys(m, path, HeartbeatFields.FIELDS);
        Node p = m.entries().get("pattern");
        if (p == null || isNull(p)) {
            throw error(node, path + ".pattern", "is required (field: value, e.g. connector: c1)");
        }
        MapNode pm = map(p, path + ".pattern");
        if (pm.entries().isEmpty()) {
            throw error(p, path + ".pattern", "needs at least one field");
        }
        Map<String, String> pattern = new LinkedHashMap<>();
        pm.entries().forEach((k, v) -> pattern.put(k, string(v, path + ".pattern." + k)));
        Node interval = m.entries().get("expected_interval");
        if (interval == null || isNull(interval)) {
            throw error(node, path + ".expected_interval", "is required (10s, 15m, 1h)");
        }
        String text = string(interval, path + ".expected_interval");
        Node min = m.entries().get("min_sources");
        Integer minSources = min == null || isNull(min) ? null : integer(min, path + ".min_sources");
        Node field = m.entries().get("source_field");
        String sourceField = field == null || isNull(field) ? null : string(field, path + ".source_field");
        HeartbeatSpec[] spec = new HeartbeatSpec[1];
        apply(pm, path + ".pattern", () -> HeartbeatFields.pattern(pattern));
        apply(interval, path + ".expected_interval", () -> HeartbeatSpec.parseInterval(text));
        apply(min != null ? min : node, path + (min != null ? ".min_sources" : ".source_field"),
                () -> spec[0] = HeartbeatFields.spec(pattern, text, minSources, sourceField));
        return new HeartbeatDefinition(spec[0], node.line());
    }

    /**
     * One entry of {@code entities:}, as the body of {@code POST /api/v1/entities}: {@code type},
     * {@code displayName}, {@code tags}, {@code properties}, {@code fromRelationships}.
     */
    private EntityDefinition entity(Node node, String path) {
        MapNode m = map(node, path);
        checkKeys(m, path, Set.of("type", "displayName", "tags", "properties", "fromRelationships"));
        Node type = m.entries().get("type");
        Node name = m.entries().get("displayName");
        if (type == null || name == null) {
            throw error(node, path + (type == null ? ".type" : ".displayName"), "is required");
        }
        String t = string(type, path + ".type");
        String n = string(name, path + ".displayName");
        Node tagsNode = m.entries().get("tags");
        List<String> tags = tagsNode == null || isNull(tagsNode) ? List.of() : strings(tagsNode, path + ".tags");
        Map<String, String> props = new LinkedHashMap<>();
        Node propsNode = m.entries().get("properties");
        if (propsNode != null && !isNull(propsNode)) {
            for (Map.Entry<String, Node> e : map(propsNode, path + ".properties").entries().entrySet()) {
                props.put(e.getKey(), string(e.getValue(), path + ".properties." + e.getKey()));
            }
        }
        Map<String, List<String>> rels = new LinkedHashMap<>();
        Node relNode = m.entries().get("fromRelationships");
        if (relNode != null && !isNull(relNode)) {
            for (Map.Entry<String, Node> e : map(relNode, path + ".fromRelationships").entries().entrySet()) {
                rels.put(e.getKey(), strings(e.getValue(), path + ".fromRelationships." + e.getKey()));
            }
        }
        EntityDefinition[] out = new EntityDefinition[1];
        apply(node, path, () -> out[0] = new EntityDefinition(t, n, tags, props, rels));
        return out[0];
    }

    /** One entry of {@code services:}: {@code path} (five segments) and the declaration's fields. */
    private ServiceDefinition service(Node node, String path) {
        YamlSource m = new YamlSource(map(node, path), path);
        m.allowOnly(ServiceFields.YAML_ENTRY);
        String p = m.string("path");
        if (p == null) {
            throw error(node, path + ".path", "is required (org/domain/env/cluster/service)");
        }
        String[] parsed = new String[1];
        apply(node, path + ".path", () -> parsed[0] = ServicePath.parse(p).toString());
        ServiceDeclaration decl = ServiceFields.declaration(m);
        if (decl.dependsOn().contains(parsed[0])) {
            throw error(node, path + ".depends_on", "a service cannot depend on itself");
        }
        return new ServiceDefinition(parsed[0], decl);
    }

    /**
     * {@code http: api_keys: [{key: ..., scopes: [...]}, {key_hash: sha256:..., scopes: [...]}]}: each entry has
     * exactly one of {@code key} (clear, usually {@code ${ENV_VAR}}; only its hash is kept) and {@code key_hash};
     * {@code scopes} is optional (none: full access). A key is never echoed in an error.
     */
    private List<ApiKeyDefinition> apiKeys(MapNode http) {
        checkKeys(http, "http", Set.of("api_keys"));
        Node keysNode = http.entries().get("api_keys");
        if (keysNode == null || isNull(keysNode)) {
            return List.of();
        }
        List<Node> items = list(keysNode, "http.api_keys").items();
        List<ApiKeyDefinition> out = new ArrayList<>(items.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "http.api_keys[" + i + "]";
            MapNode k = map(items.get(i), path);
            checkKeys(k, path, Set.of("key", "key_hash", "scopes"));
            Node key = k.entries().get("key");
            Node hash = k.entries().get("key_hash");
            if ((key == null) == (hash == null)) {
                throw error(k, path, "needs exactly one of key (the key, e.g. ${VIGIL_REPORTS_KEY}) and key_hash "
                        + "(sha256:...)");
            }
            String keyHash;
            if (key != null) {
                String clear = string(key, path + ".key");
                if (clear.isEmpty() || clear.length() > Secrets.MAX_SECRET_LENGTH || !Text.isPrintable(clear)
                        || clear.strip().length() != clear.length()) {
                    throw error(key, path + ".key", "must be 1 to " + Secrets.MAX_SECRET_LENGTH
                            + " printable characters without surrounding spaces (the key is not shown)");
                }
                keyHash = Secrets.hash(clear);
            } else {
                keyHash = string(hash, path + ".key_hash").trim();
            }
            Node scopesNode = k.entries().get("scopes");
            List<String> scopes = scopesNode == null || isNull(scopesNode) ? List.of()
                    : strings(scopesNode, path + ".scopes");
            Node at = key != null ? key : hash;
            ApiKeyDefinition[] def = new ApiKeyDefinition[1];
            apply(scopesNode != null && !isNull(scopesNode) ? scopesNode : at, key != null ? path : path
                    + ".key_hash", () -> def[0] = new ApiKeyDefinition(keyHash, new LinkedHashSet<>(scopes),
                    source + ":" + k.line()));
            Integer before = seen.putIfAbsent(keyHash, k.line());
            if (before != null) {
                throw error(k, path, "the same key is configured twice (first at line " + before + ")");
            }
            out.add(def[0]);
        }
        return out;
    }

    private RoutingConfig routing(MapNode m) {
        checkKeys(m, "routing", Set.of("routes", "default", "flapping"));
        List<RoutingConfig.Route> routes = new ArrayList<>();
        Node rs = m.entries().get("routes");
        if (rs != null && !isNull(rs)) {
            List<Node> items = list(rs, "routing.routes").items();
            for (int i = 0; i < items.size(); i++) {
                String p = "routing.routes[" + i + "]";
                MapNode r = map(items.get(i), p);
                checkKeys(r, p, Set.of("match", "channels"));
                List<dev.vigil.model.LabelMatcher> match = new ArrayList<>();
                Node mn = r.entries().get("match");
                if (mn != null && !isNull(mn)) {
                    List<Node> ms = list(mn, p + ".match").items();
                    for (int j = 0; j < ms.size(); j++) {
                        String mp = p + ".match[" + j + "]";
                        Node item = ms.get(j);
                        apply(item, mp, () -> match.add(dev.vigil.model.LabelMatcher.parse(string(item, mp))));
                    }
                }
                Node cn = r.entries().get("channels");
                List<String> channels = cn == null || isNull(cn) ? List.of() : strings(cn, p + ".channels");
                apply(r, p + ".channels", () -> routes.add(new RoutingConfig.Route(match, channels)));
            }
        }
        Node d = m.entries().get("default");
        List<String> defaults = d == null || isNull(d) ? List.of() : strings(d, "routing.default");
        RoutingConfig.Flapping flapping = null;
        Node f = m.entries().get("flapping");
        if (f != null && !isNull(f)) {
            MapNode fm = map(f, "routing.flapping");
            checkKeys(fm, "routing.flapping", Set.of("changes", "window"));
            Node changes = fm.entries().get("changes");
            Node window = fm.entries().get("window");
            if (changes == null || window == null) {
                throw error(fm, "routing.flapping", "needs both changes and window");
            }
            int n = integer(changes, "routing.flapping.changes");
            Duration w = duration(window, "routing.flapping.window");
            RoutingConfig.Flapping[] out = new RoutingConfig.Flapping[1];
            apply(fm, "routing.flapping", () -> out[0] = new RoutingConfig.Flapping(n, w));
            flapping = out[0];
        }
        return new RoutingConfig(routes, defaults, flapping);
    }

    private ChannelDefinition channel(String name, Node node, String path) {
        if (name.isBlank() || !Text.isPrintable(name)) {
            throw error(node, path, "channel names must be non-blank and printable");
        }
        MapNode m = map(node, path);
        String type = null;
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : m.entries().entrySet()) {
            String p = path + "." + e.getKey();
            if (e.getKey().equals("type")) {
                type = string(e.getValue(), p).toLowerCase(Locale.ROOT);
            } else if (e.getValue() instanceof ListNode l) {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < l.items().size(); i++) {
                    parts.add(string(l.items().get(i), p + "[" + i + "]"));
                }
                settings.put(e.getKey(), String.join(",", parts));
            } else if (e.getValue() instanceof MapNode mm) {
                for (Map.Entry<String, Node> inner : mm.entries().entrySet()) {
                    settings.put(e.getKey() + "." + inner.getKey(), string(inner.getValue(), p + "." + inner.getKey()));
                }
            } else if (!isNull(e.getValue())) {
                settings.put(e.getKey(), string(e.getValue(), p));
            }
        }
        if (type == null || type.isBlank()) {
            throw error(node, path + ".type", "is required (for example: log)");
        }
        return new ChannelDefinition(name, type, settings, node.line());
    }

    private MonitorDefinition monitor(Node node, String path) {
        YamlSource m = new YamlSource(map(node, path), path);
        m.allowOnly(PushMonitorFields.CREATE);
        if (!m.has("config")) {
            throw error(node, path + ".config", "is required (with expected_interval or schedule)");
        }
        PushMonitorSpec.Builder b = PushMonitorFields.create(m);
        String secret = m.string("secret_key");
        PushMonitorSpec[] spec = new PushMonitorSpec[1];
        apply(node, path, () -> spec[0] = PushMonitorFields.build(m, b));
        return new MonitorDefinition(spec[0], secret);
    }

    /** A YAML mapping as the spec's fields: a null value counts as absent, any scalar may be read as text. */
    private final class YamlSource implements PushMonitorFields.Source {
        private final MapNode map;
        private final String path;

        YamlSource(MapNode map, String path) {
            this.map = map;
            this.path = path;
        }

        private @Nullable Node get(String field) {
            Node v = map.entries().get(field);
            return v == null || ConfigLoader.isNull(v) ? null : v;
        }

        private String path(String field) {
            return path + "." + field;
        }

        @Override
        public YamlSource allowOnly(Set<String> fields) {
            checkKeys(map, path, fields);
            return this;
        }

        @Override
        public boolean has(String field) {
            return get(field) != null;
        }

        @Override
        public boolean isNull(String field) {
            return false;
        }

        @Override
        public @Nullable String string(String field) {
            Node v = get(field);
            return v == null ? null : ConfigLoader.this.string(v, path(field));
        }

        @Override
        public @Nullable Boolean bool(String field) {
            Node v = get(field);
            return v == null ? null : ConfigLoader.this.bool(v, path(field));
        }

        @Override
        public @Nullable Integer integer(String field) {
            Node v = get(field);
            return v == null ? null : ConfigLoader.this.integer(v, path(field));
        }

        @Override
        public @Nullable Duration duration(String field) {
            Node v = get(field);
            return v == null ? null : ConfigLoader.this.duration(v, path(field));
        }

        @Override
        public @Nullable List<String> strings(String field) {
            Node v = get(field);
            return v == null ? null : ConfigLoader.this.strings(v, path(field));
        }

        @Override
        public @Nullable YamlSource object(String field) {
            Node v = get(field);
            return v == null ? null : new YamlSource(map(v, path(field)), path(field));
        }

        @Override
        public ConfigException error(String field, String problem) {
            return ConfigLoader.this.error(map.entries().getOrDefault(field, map), path(field), problem);
        }

        @Override
        public ConfigException error(String field, int index, String problem) {
            Node v = get(field);
            Node at = v instanceof ListNode l && index < l.items().size() ? l.items().get(index) : v;
            return ConfigLoader.this.error(at == null ? map : at, path(field) + "[" + index + "]", problem);
        }

        @Override
        public ConfigException invalid(String field, IllegalArgumentException e) {
            return error(field, e.getMessage());
        }
    }

    private void apply(Node node, String path, Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            throw error(node, path, e.getMessage());
        }
    }

    private void checkKeys(MapNode m, String path, Set<String> allowed) {
        for (String key : m.entries().keySet()) {
            if (!allowed.contains(key)) {
                throw error(m.entries().get(key), path.isEmpty() ? key : path + "." + key,
                        "unknown key (expected one of: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private MapNode map(Node n, String path) {
        if (n instanceof MapNode m) {
            return m;
        }
        throw error(n, path, "must be a mapping (key: value)");
    }

    private ListNode list(Node n, String path) {
        if (n instanceof ListNode l) {
            return l;
        }
        throw error(n, path, "must be a list");
    }

    private String string(Node n, String path) {
        if (n instanceof Scalar s && s.text() != null) {
            return substitute(s, path);
        }
        throw error(n, path, isNull(n) ? "must not be empty" : "must be a single value");
    }

    private List<String> strings(Node n, String path) {
        List<Node> items = list(n, path).items();
        List<String> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(string(items.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private boolean bool(Node n, String path) {
        String s = string(n, path).trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw error(n, path, "must be true or false, got '" + Text.forLog(s) + "'");
    }

    private int integer(Node n, String path) {
        String s = string(n, path).trim();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw error(n, path, "must be a whole number, got '" + Text.forLog(s) + "'");
        }
    }

    private Duration duration(Node n, String path) {
        String s = string(n, path);
        try {
            return Durations.parse(s);
        } catch (IllegalArgumentException e) {
            throw error(n, path, "must be a number of seconds or a duration such as 90s, 15m, 1h30m; got '"
                    + Text.forLog(s) + "'");
        }
    }

    private String substitute(Scalar s, String path) {
        String text = s.text();
        if (text == null || text.indexOf('$') < 0) {
            return text == null ? "" : text;
        }
        Matcher m = VAR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$${")) {
                replacement = "${";
            } else {
                String value = env.get(m.group(1));
                if (value == null) {
                    value = m.group(2);
                }
                if (value == null) {
                    throw error(s, path, "environment variable " + m.group(1) + " is not set (use ${"
                            + m.group(1) + ":-default} for a default)");
                }
                replacement = value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** YAML null, {@code ~} or an empty value. */
    private static boolean isNull(Node n) {
        return n instanceof Scalar s && (s.text() == null || s.text().isEmpty());
    }

    private ConfigException error(@Nullable Node n, String path, String problem) {
        return new ConfigException(source, n == null ? 0 : n.line(), path, problem);
    }
}
