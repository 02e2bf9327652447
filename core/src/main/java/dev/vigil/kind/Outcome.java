package dev.vigil.kind;

import dev.vigil.model.SubjectRef;
import java.util.List;

/**
 * What one of a kind's pure functions decided: the new state, the changes to record, and other subjects to wake.
 *
 * @param state   the new state
 * @param changes transitions-to-be, in order
 * @param wakes   subjects whose kind's {@link SubjectKind#onWake} runs after this write committed, each through the
 *                same write path (e.g. a service that depends on this one, when this one recovers)
 */
public record Outcome<T>(T state, List<Change> changes, List<SubjectRef> wakes) {
    public Outcome {
        changes = List.copyOf(changes);
        wakes = List.copyOf(wakes);
    }

    public Outcome(T state, List<Change> changes) {
        this(state, changes, List.of());
    }

    public static <T> Outcome<T> of(T state) {
        return new Outcome<>(state, List.of(), List.of());
    }

    public static <T> Outcome<T> of(T state, Change... changes) {
        return new Outcome<>(state, List.of(changes), List.of());
    }

    /** The same outcome, waking {@code subjects} once it is written. */
    public Outcome<T> waking(List<SubjectRef> subjects) {
        return new Outcome<>(state, changes, subjects);
    }
}
