package dev.vigil.internal;

import dev.vigil.model.Text;
import dev.vigil.config.RoutingConfig;
import dev.vigil.model.LabelMatcher;
import dev.vigil.notify.Notifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The named notification channels, and which of them hear about everything (the default notifier) rather
 * than only what names them.
 */
public final class Channels {
    private final Map<String, Notifier> byName;
    private final List<String> broadcast;
    private final Map<String, String> types;

    public Channels(Map<String, Notifier> byName, Set<String> broadcast) {
        this(byName, broadcast, Map.of());
    }

    /** @param types each channel's type for listeners ({@code webhook}, ...); unknown ones are {@code custom} */
    public Channels(Map<String, Notifier> byName, Set<String> broadcast, Map<String, String> types) {
        this.types = Map.copyOf(types);
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        this.broadcast = List.copyOf(broadcast);
        for (String name : broadcast) {
            if (!byName.containsKey(name)) {
                throw new IllegalArgumentException("broadcast channel " + name + " is not defined");
            }
        }
    }

    public @Nullable Notifier get(String name) {
        return byName.get(name);
    }

    /** The channel's type, a low-cardinality name for metrics: {@code webhook}, {@code slack}, ..., or {@code custom}. */
    public String type(String name) {
        return types.getOrDefault(name, "custom");
    }

    /** The type of a notifier given in code: Vigil's own classes have one, anything else is {@code custom}. */
    public static String typeOf(Notifier n) {
        if (n instanceof dev.vigil.notify.WebhookNotifier) {
            return "webhook";
        } else if (n instanceof dev.vigil.notify.SlackNotifier) {
            return "slack";
        } else if (n instanceof dev.vigil.notify.EmailNotifier) {
            return "email";
        } else if (n instanceof dev.vigil.notify.LoggingNotifier) {
            return "log";
        } else if (n instanceof KapacitorPostNotifier) {
            return "kapacitor_post";
        } else if (n instanceof UnconfiguredChannel) {
            return "unconfigured";
        }
        return "custom";
    }

    /** Throws if any name is not a defined channel. */
    public void requireKnown(List<String> names) {
        for (String name : names) {
            if (!byName.containsKey(name)) {
                throw new IllegalArgumentException("notifications: unknown channel '" + Text.forLog(name)
                        + "' (defined channels: " + String.join(", ", byName.keySet()) + ")");
            }
        }
    }

    /**
     * Broadcast channels, then the subject's own, then those of every matching route; the routing's default channels
     * when neither the subject nor a route names any. No duplicates.
     */
    public List<String> route(Map<String, String> labels, List<String> subjectChannels, RoutingConfig routing) {
        List<String> named = new ArrayList<>(subjectChannels);
        for (RoutingConfig.Route r : routing.routes()) {
            if (LabelMatcher.allMatch(r.match(), labels)) {
                named.addAll(r.channels());
            }
        }
        if (named.isEmpty()) {
            named.addAll(routing.defaultChannels());
        }
        List<String> out = new ArrayList<>(broadcast.size() + named.size());
        out.addAll(broadcast);
        for (String c : named) {
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }
}
