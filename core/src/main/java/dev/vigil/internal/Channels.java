package dev.vigil.internal;

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

    public Channels(Map<String, Notifier> byName, Set<String> broadcast) {
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

    public Set<String> names() {
        return byName.keySet();
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

    /** Broadcast channels followed by the subject's own, without duplicates. */
    public List<String> route(List<String> subjectChannels) {
        if (subjectChannels.isEmpty()) {
            return broadcast;
        }
        List<String> out = new ArrayList<>(broadcast.size() + subjectChannels.size());
        out.addAll(broadcast);
        for (String c : subjectChannels) {
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }
}
