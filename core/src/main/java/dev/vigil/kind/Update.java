package dev.vigil.kind;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A change to one subject, as a function of what is stored now. Called again with the new current subject when a
 * concurrent write got there first, or when it was decided on a copy of the subject that turned out to be out of
 * date, so it must be pure.
 */
@FunctionalInterface
public interface Update<S, T, R> {

    /**
     * Decides the write, or returns null to write nothing.
     *
     * @param current the stored subject, or null when there is none (the update may create it)
     * @param now     the engine's clock, millisecond precision
     */
    @Nullable Proposal<S, T, R> apply(@Nullable Subject<S, T> current, Instant now);

    /**
     * What to write: the spec, the outcome (state and changes) and a result for the caller.
     *
     * @param result what the caller of {@link Subjects#update} gets back
     */
    record Proposal<S, T, R>(S spec, Outcome<T> outcome, R result) {
    }
}
