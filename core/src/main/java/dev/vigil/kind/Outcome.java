package dev.vigil.kind;

import java.util.List;

/**
 * What one of a kind's pure functions decided: the new state and the changes to record.
 *
 * @param state   the new state
 * @param changes transitions-to-be, in order
 */
public record Outcome<T>(T state, List<Change> changes) {
    public Outcome {
        changes = List.copyOf(changes);
    }

    public static <T> Outcome<T> of(T state) {
        return new Outcome<>(state, List.of());
    }

    public static <T> Outcome<T> of(T state, Change... changes) {
        return new Outcome<>(state, List.of(changes));
    }
}
