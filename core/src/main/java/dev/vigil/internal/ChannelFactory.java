package dev.vigil.internal;

import dev.vigil.model.Text;
import dev.vigil.config.ChannelDefinition;
import dev.vigil.notify.EmailNotifier;
import dev.vigil.notify.LoggingNotifier;
import dev.vigil.notify.Notifier;
import dev.vigil.notify.OutboundPolicy;
import dev.vigil.notify.SlackNotifier;
import dev.vigil.notify.WebhookNotifier;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Builds the notifier for a configured channel; errors name the setting as {@code channels.<name>.<key>}. */
public final class ChannelFactory {

    /** A setting that is missing or wrong; {@code key} is the setting's name. */
    public static final class SettingException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String key;

        SettingException(String key, String message) {
            super(message);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    private ChannelFactory() {
    }

    public static Notifier create(ChannelDefinition def, OutboundPolicy policy) {
        Map<String, String> s = def.settings();
        switch (def.type().toLowerCase(Locale.ROOT)) {
            case "log":
                allow(s, Set.of());
                return new LoggingNotifier();
            case "webhook": {
                allow(s, Set.of("url", "secret", "timeout"), "headers.");
                WebhookNotifier.Builder b = setting("url", () -> WebhookNotifier.builder(required(s, "url")));
                b.policy(policy);
                if (s.containsKey("secret")) {
                    setting("secret", () -> b.secret(s.get("secret")));
                }
                if (s.containsKey("timeout")) {
                    setting("timeout", () -> b.timeout(Durations.parse(s.get("timeout"))));
                }
                s.forEach((k, v) -> {
                    if (k.startsWith("headers.")) {
                        setting(k, () -> b.header(k.substring("headers.".length()), v));
                    }
                });
                return b.build();
            }
            case "slack":
                allow(s, Set.of("url"));
                return setting("url", () -> SlackNotifier.create(required(s, "url"), policy));
            case "email":
                allow(s, Set.of("host", "port", "username", "password", "from", "to", "starttls", "ssl", "timeout"));
                return email(s);
            default:
                throw new SettingException("type", "'" + Text.forLog(def.type())
                        + "' is not a channel type (built in: log, webhook, slack, email; register others with"
                        + " Vigil.builder().channel(name, notifier))");
        }
    }

    private static Notifier email(Map<String, String> s) {
        EmailNotifier.Builder b;
        try {
            b = EmailNotifier.builder();
        } catch (NoClassDefFoundError e) {
            throw new SettingException("type", "email channels need org.eclipse.angus:angus-mail on the classpath");
        }
        setting("host", () -> b.host(required(s, "host")));
        if (s.containsKey("port")) {
            setting("port", () -> b.port(parseInt(s.get("port"))));
        }
        if (s.containsKey("username")) {
            setting("username", () -> b.credentials(s.get("username"), s.getOrDefault("password", "")));
        }
        setting("from", () -> b.from(required(s, "from")));
        setting("to", () -> {
            for (String to : required(s, "to").split(",")) {
                b.to(to);
            }
            return b;
        });
        if (s.containsKey("starttls")) {
            setting("starttls", () -> b.startTls(parseBool(s.get("starttls"))));
        }
        if (s.containsKey("ssl")) {
            setting("ssl", () -> b.ssl(parseBool(s.get("ssl"))));
        }
        if (s.containsKey("timeout")) {
            setting("timeout", () -> b.timeout(Durations.parse(s.get("timeout"))));
        }
        return b.build();
    }

    private static void allow(Map<String, String> settings, Set<String> keys, String... prefixes) {
        for (String k : settings.keySet()) {
            boolean ok = keys.contains(k);
            for (String p : prefixes) {
                ok |= k.startsWith(p);
            }
            if (!ok) {
                Set<String> known = new HashSet<>(keys);
                for (String p : prefixes) {
                    known.add(p + "*");
                }
                throw new SettingException(k, "unknown setting (expected one of: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String required(Map<String, String> s, String key) {
        String v = s.get(key);
        if (v == null || v.isBlank()) {
            throw new SettingException(key, "is required");
        }
        return v;
    }

    private static int parseInt(String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number, got '" + Text.forLog(v) + "'");
        }
    }

    private static boolean parseBool(String v) {
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
            throw new IllegalArgumentException("must be true or false, got '" + Text.forLog(v) + "'");
        }
        return Boolean.parseBoolean(t);
    }

    private static <T> T setting(String key, java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (SettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new SettingException(key, e.getMessage());
        }
    }
}
