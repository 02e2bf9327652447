package dev.vigil.internal;

import dev.vigil.config.RoutingConfig;
import dev.vigil.notify.Decision;
import dev.vigil.notify.Silence;
import dev.vigil.notify.SubjectKind;
import dev.vigil.notify.Transition;
import dev.vigil.spi.VigilStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decides, for one alert-worthy change, whether it is sent and to which channels: active silences first, then flap
 * damping, then routing (the subject's own channels, matching routes, the default route, the broadcast notifier).
 */
public final class NotificationPolicy {

    /** The outcome: the decision, its explanation, and the channels to write outbox entries for. */
    public record Verdict(Decision decision, String detail, List<String> channels) {
        static Verdict notRouted(String why) {
            return new Verdict(Decision.NOT_ROUTED, why, List.of());
        }
    }

    private final VigilStore store;
    private final Channels channels;
    private final RoutingConfig routing;

    public NotificationPolicy(VigilStore store, Channels channels, RoutingConfig routing) {
        this.store = store;
        this.channels = channels;
        this.routing = routing;
    }

    public Verdict decide(SubjectKind kind, long subjectId, Map<String, String> labels, List<String> ownChannels,
            boolean reminder, Instant now) {
        for (Silence s : store.silences().list()) {
            if (s.isActive(now) && s.matches(labels)) {
                return new Verdict(Decision.SILENCED, "silenced by " + s.id(), List.of());
            }
        }
        List<String> route = channels.route(labels, ownChannels, routing);
        RoutingConfig.Flapping flapping = routing.flapping();
        if (flapping != null && !reminder) {
            List<Transition> recent = changesOnly(store.transitions().recent(kind, subjectId, flapping.changes() * 4));
            Instant windowStart = now.minus(flapping.window());
            if (recent.size() >= flapping.changes() - 1
                    && !recent.get(flapping.changes() - 2).at().isBefore(windowStart)) {
                Transition last = recent.get(0);
                if (last.decision() == Decision.FLAPPING || last.decision() == Decision.SUPPRESSED_FLAPPING) {
                    return new Verdict(Decision.SUPPRESSED_FLAPPING, "flapping since " + last.at()
                            + "; quiet until stable for " + flapping.window().toSeconds() + "s", List.of());
                }
                return new Verdict(Decision.FLAPPING, flapping.changes() + " changes within "
                        + flapping.window().toSeconds() + "s; sent to " + String.join(", ", route), route);
            }
        }
        return new Verdict(Decision.SENT, "sent to " + String.join(", ", route), route);
    }

    private static List<Transition> changesOnly(List<Transition> recent) {
        return recent.stream().filter(t -> !t.isReminder()).toList();
    }

    /** Labels every subject has. */
    public static Map<String, String> labels(SubjectKind kind, long id, String name, @Nullable String group,
            String from, String to) {
        return group == null
                ? Map.of("kind", kind.wireName(), "id", Long.toString(id), "name", name, "from", from, "to", to)
                : Map.of("kind", kind.wireName(), "id", Long.toString(id), "name", name, "group", group, "from", from,
                        "to", to);
    }
}
