package dev.vigil.internal;

import dev.vigil.config.RoutingConfig;
import dev.vigil.kind.Target;
import dev.vigil.model.Decision;
import dev.vigil.model.Silence;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Text;
import dev.vigil.model.Transition;
import dev.vigil.model.TransitionType;
import dev.vigil.spi.VigilStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides, for one alert-worthy change of any kind, whether it is sent and to which targets: active silences first,
 * then flap damping, then routing (the subject's own channels, matching routes, the default route, the broadcast
 * notifier) plus the addresses the subject carries itself.
 */
public final class NotificationPolicy {

    /** The outcome: the decision, its explanation, and the targets to write outbox entries for. */
    public record Verdict(Decision decision, String detail, List<Target> targets) {
        static Verdict quiet(Decision decision, String why) {
            return new Verdict(decision, why, List.of());
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

    public Verdict decide(SubjectRef ref, Map<String, String> labels, List<Target> own, TransitionType type,
            Instant now) {
        for (Silence s : store.silences().list()) {
            if (s.isActive(now) && s.matches(labels)) {
                return Verdict.quiet(Decision.SILENCED, "silenced by " + s.id());
            }
        }
        List<String> ownChannels = new ArrayList<>();
        List<Target> addressed = new ArrayList<>();
        for (Target t : own) {
            if (t.address() == null) {
                ownChannels.add(t.channel());
            } else {
                addressed.add(t);
            }
        }
        List<Target> targets = new ArrayList<>();
        channels.route(labels, ownChannels, routing).forEach(c -> targets.add(Target.channel(c)));
        targets.addAll(addressed);
        String sentTo = describe(targets);
        RoutingConfig.Flapping flapping = routing.flapping();
        if (flapping != null && type == TransitionType.CHANGE) {
            List<Transition> recent = store.transitions().recent(ref, flapping.changes() * 4).stream()
                    .filter(Transition::isChange).toList();
            Instant windowStart = now.minus(flapping.window());
            if (recent.size() >= flapping.changes() - 1
                    && !recent.get(flapping.changes() - 2).at().isBefore(windowStart)) {
                Transition last = recent.get(0);
                if (last.decision() == Decision.FLAPPING || last.decision() == Decision.SUPPRESSED_FLAPPING) {
                    return Verdict.quiet(Decision.SUPPRESSED_FLAPPING, "flapping since " + last.at()
                            + "; quiet until stable for " + flapping.window().toSeconds() + "s");
                }
                return new Verdict(Decision.FLAPPING, flapping.changes() + " changes within "
                        + flapping.window().toSeconds() + "s; sent to " + sentTo, targets);
            }
        }
        return new Verdict(Decision.SENT, "sent to " + sentTo, targets);
    }

    private static String describe(List<Target> targets) {
        List<String> names = new ArrayList<>(targets.size());
        for (Target t : targets) {
            names.add(t.address() == null ? t.channel() : t.channel() + " (" + Text.forLog(t.address()) + ")");
        }
        return String.join(", ", names);
    }
}
