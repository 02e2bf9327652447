package dev.vigil.observe;

import dev.vigil.model.Decision;
import dev.vigil.model.Severity;
import dev.vigil.model.TransitionType;
import java.util.Objects;

/**
 * A committed transition of some subject (the subject itself is deliberately not named: its key and name are
 * unbounded).
 *
 * @param kind     the subject's kind, e.g. {@code push_monitor}, {@code service}
 * @param type     a change of state, a reminder or an occurrence
 * @param severity how bad the new state is
 * @param decision what was decided about notifying it (sent, silenced, ...)
 */
public record TransitionEvent(String kind, TransitionType type, Severity severity, Decision decision) {
    public TransitionEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(decision, "decision");
    }
}
