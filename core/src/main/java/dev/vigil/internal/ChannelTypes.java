package dev.vigil.internal;

import static dev.vigil.notify.ChannelSettings.setting;

import dev.vigil.config.ChannelDefinition;
import dev.vigil.model.Text;
import dev.vigil.notify.ChannelSettingException;
import dev.vigil.notify.ChannelSettings;
import dev.vigil.notify.ChannelType;
import dev.vigil.notify.EmailNotifier;
import dev.vigil.notify.LoggingNotifier;
import dev.vigil.notify.Notifier;
import dev.vigil.notify.OutboundPolicy;
import dev.vigil.notify.SlackNotifier;
import dev.vigil.notify.WebhookNotifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The channel types a Vigil knows, by name: the built-in ones and those the host registered. The YAML's
 * {@code type:} resolves here; errors name the setting as {@code channels.<name>.<key>}.
 */
public final class ChannelTypes {
    private final Map<String, ChannelType> byName;

    public ChannelTypes(Map<String, ChannelType> hostTypes) {
        Map<String, ChannelType> all = new LinkedHashMap<>(builtIn());
        all.putAll(hostTypes);
        this.byName = Collections.unmodifiableMap(all); // in registration order, for error messages
    }

    /** Vigil's own types: {@code log}, {@code webhook}, {@code slack} and {@code email}. */
    public static Map<String, ChannelType> builtIn() {
        Map<String, ChannelType> types = new LinkedHashMap<>();
        types.put("log", s -> {
            s.allowOnly(Set.of());
            return new LoggingNotifier();
        });
        types.put("webhook", ChannelTypes::webhook);
        types.put("slack", ChannelTypes::slack);
        types.put("email", ChannelTypes::email);
        return types;
    }

    public Notifier create(ChannelDefinition def, OutboundPolicy policy) {
        ChannelType type = byName.get(def.type());
        if (type == null) {
            throw new ChannelSettingException("type", "'" + Text.forLog(def.type()) + "' is not a channel type (known: "
                    + String.join(", ", byName.keySet()) + "; register others with Vigil.builder().channelType(...))");
        }
        return type.create(new ChannelSettings(def.name(), def.settings(), policy));
    }

    /** An incoming webhook ({@code url}) or a bot token ({@code token}, optional {@code channel} and {@code api_url}). */
    private static Notifier slack(ChannelSettings s) {
        s.allowOnly(Set.of("url", "token", "channel", "api_url"));
        if (s.get("token").isPresent()) {
            if (s.get("url").isPresent()) {
                throw new ChannelSettingException("url", "give either url (an incoming webhook) or token (a bot), not"
                        + " both");
            }
            String api = s.get("api_url").orElse(SlackNotifier.POST_MESSAGE_URL);
            setting("api_url", () -> dev.vigil.notify.OutboundPolicy.checkSyntax(api));
            return setting("token", () -> SlackNotifier.bot(s.require("token"), api, s.get("channel").orElse(null),
                    s.policy()));
        }
        if (s.get("channel").isPresent() || s.get("api_url").isPresent()) {
            throw new ChannelSettingException(s.get("channel").isPresent() ? "channel" : "api_url",
                    "needs a bot token (token); an incoming webhook (url) posts to its own channel");
        }
        return setting("url", () -> SlackNotifier.create(s.require("url"), s.policy()));
    }

    private static Notifier webhook(ChannelSettings s) {
        s.allowOnly(Set.of("url", "secret", "timeout"), "headers.");
        WebhookNotifier.Builder b = s.get("url").isPresent()
                ? setting("url", () -> WebhookNotifier.builder(s.require("url")))
                : WebhookNotifier.forAddresses();
        b.policy(s.policy());
        s.get("secret").ifPresent(v -> setting("secret", () -> b.secret(v)));
        s.get("timeout").ifPresent(v -> setting("timeout", () -> b.timeout(Durations.parse(v))));
        s.values().forEach((k, v) -> {
            if (k.startsWith("headers.")) {
                setting(k, () -> b.header(k.substring("headers.".length()), v));
            }
        });
        return b.build();
    }

    private static Notifier email(ChannelSettings s) {
        s.allowOnly(Set.of("host", "port", "username", "password", "from", "to", "starttls", "ssl", "timeout"));
        EmailNotifier.Builder b;
        try {
            b = EmailNotifier.builder();
        } catch (NoClassDefFoundError e) {
            throw new ChannelSettingException("type", "email channels need org.eclipse.angus:angus-mail on the classpath");
        }
        setting("host", () -> b.host(s.require("host")));
        s.integer("port").ifPresent(p -> setting("port", () -> b.port(p)));
        s.get("username").ifPresent(u -> setting("username", () -> b.credentials(u, s.get("password").orElse(""))));
        setting("from", () -> b.from(s.require("from")));
        // without "to" the channel delivers only to the addresses subjects carry as their own targets
        s.get("to").ifPresent(to -> setting("to", () -> {
            for (String address : to.split(",")) {
                b.to(address);
            }
            return b;
        }));
        s.bool("starttls").ifPresent(v -> setting("starttls", () -> b.startTls(v)));
        s.bool("ssl").ifPresent(v -> setting("ssl", () -> b.ssl(v)));
        s.get("timeout").ifPresent(v -> setting("timeout", () -> b.timeout(Durations.parse(v))));
        return b.build();
    }
}
