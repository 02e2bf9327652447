package dev.vigil.kind;

import dev.vigil.model.Transition;
import java.util.List;
import java.util.Optional;

/**
 * The subjects of one kind, through Vigil's one write path: every write is a compare-and-set that records the
 * outcome's changes as transitions, decides their notification and writes their outbox entries in the same atomic
 * step. Obtained from {@code Vigil#subjects(kind)}. Thread-safe.
 */
public interface Subjects<S, T> {

    SubjectKind<S, T> kind();

    Optional<Subject<S, T>> find(String key);

    /** One page of the kind's subjects by key, after {@code afterKey} (null for the first page). */
    List<Subject<S, T>> list(@org.jspecify.annotations.Nullable String afterKey, int limit);

    /**
     * Applies {@code update} to the subject (creating it when the update proposes something for a missing one),
     * retrying on conflict, and returns the proposal's result, or empty when the update wrote nothing.
     *
     * @throws dev.vigil.model.DuplicateNameException if the name is another subject's
     */
    <R> Optional<R> update(String key, Update<S, T, R> update);

    /** The subject's transitions, newest first, at most {@code limit} (1..1000). */
    List<Transition> history(String key, int limit);

    /** Deletes the subject and its history; false when there was none. */
    boolean delete(String key);
}
