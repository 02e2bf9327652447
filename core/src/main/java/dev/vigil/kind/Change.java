package dev.vigil.kind;

import dev.vigil.model.Decision;
import dev.vigil.model.Severity;
import dev.vigil.model.TransitionType;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A transition-to-be that a kind's function returns; the engine turns it into a recorded
 * {@link dev.vigil.model.Transition} with a notification decision and outbox entries.
 *
 * @param aspect   what part of the subject changed, empty when the subject has one status
 * @param type     change, reminder or occurrence
 * @param from     the previous status name
 * @param to       the new status name
 * @param severity how bad
 * @param reason   why, in words
 * @param labels   labels of this change beyond the subject's (merged over them)
 * @param quiet    when not null, the decision is fixed without routing (e.g. {@link Decision#NOT_ROUTED} for a
 *                 change that is no alert, {@link Decision#MAINTENANCE}); {@code quietDetail} explains it
 */
public record Change(
        String aspect,
        TransitionType type,
        String from,
        String to,
        Severity severity,
        String reason,
        Map<String, String> labels,
        @Nullable Decision quiet,
        String quietDetail) {

    public Change {
        labels = Map.copyOf(labels);
        if (quiet != null && quiet.notifies()) {
            throw new IllegalArgumentException("a quiet change cannot have the decision " + quiet);
        }
    }

    /** An alert-worthy change of the subject's one status. */
    public static Change of(String from, String to, Severity severity, String reason) {
        return new Change("", TransitionType.CHANGE, from, to, severity, reason, Map.of(), null, "");
    }

    /** The same change, recorded with a fixed decision and not routed. */
    public Change quiet(Decision decision, String detail) {
        return new Change(aspect, type, from, to, severity, reason, labels, decision, detail);
    }

    public Change withAspect(String newAspect) {
        return new Change(newAspect, type, from, to, severity, reason, labels, quiet, quietDetail);
    }

    public Change withType(TransitionType newType) {
        return new Change(aspect, newType, from, to, severity, reason, labels, quiet, quietDetail);
    }

    public Change withLabels(Map<String, String> newLabels) {
        return new Change(aspect, type, from, to, severity, reason, newLabels, quiet, quietDetail);
    }
}
