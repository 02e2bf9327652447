package dev.vigil.kind;

import dev.vigil.model.SubjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One kind of monitored subject, defined in one place: its wire name, codecs for its spec ({@code S}) and state
 * ({@code T}), and pure functions of (spec, state, now). No I/O and no clock: Vigil's engine reads the subject,
 * calls these, and writes the result with compare-and-set, transitions and outbox entries in one atomic step. Stores
 * never see the types, so a new kind needs no store change and no migration.
 *
 * <p>Inputs (a push, a report) are the kind's own API, which calls {@code Vigil#subjects(kind)} with a function of
 * the same shape: {@code (spec, state, input, now) -> Outcome}.
 */
public interface SubjectKind<S, T> {

    /** The wire name, e.g. {@code push_monitor}: lower_snake_case, stable forever (stores keep it). */
    String name();

    Codec<S> specCodec();

    Codec<T> stateCodec();

    /** The display name of a subject (unique within the kind). */
    String displayName(String key, S spec);

    /** The current status name, e.g. {@code DOWN}. */
    String status(S spec, T state);

    /** When the evaluator must look at the subject next, or null when nothing can happen without input. */
    @Nullable Instant nextDue(S spec, T state);

    /** Evaluates a subject whose {@link #nextDue} has come. */
    Outcome<T> onDue(String key, S spec, T state, Instant now);

    /**
     * The subject's full period: how long a signal may take to arrive (a push monitor's interval plus grace). After
     * a gap in Vigil's own evaluation, deadlines that fell inside it move to the gap's end plus this.
     */
    Duration period(S spec);

    /**
     * The state after a gap in Vigil's evaluation ending at {@code gapEnd}, whose deadline fell inside the gap: its
     * deadline moved to {@code gapEnd + period(spec)}.
     */
    T afterGap(S spec, T state, Instant gapEnd);

    /**
     * Another subject's write asked to wake this one ({@link Outcome#wakes}): e.g. what it depends on recovered.
     * Runs through the same write path as any input. By default nothing happens.
     */
    default Outcome<T> onWake(S spec, T state, SubjectRef cause, Instant now) {
        return Outcome.of(state);
    }

    /** Labels lists filter on and routes and silences match, beyond {@code kind}, {@code key} and {@code name}. */
    default Map<String, String> labels(String key, S spec, T state) {
        return Map.of();
    }

    /**
     * True only when {@link #labels} is sure to give for {@code spec} and {@code state} what it gave for the
     * previous ones, so a write keeps the stored labels without working them out again: worth it for a kind whose
     * labels are many and whose inputs seldom change them, with a check as cheap as comparing references. False
     * (the default) always works them out.
     */
    default boolean labelsUnchanged(S previousSpec, T previousState, S spec, T state) {
        return false;
    }

    /** The subject's own notification targets; routing adds its matches. */
    default List<Target> targets(S spec) {
        return List.of();
    }

    /** The admin API path of a subject, used as the link in notifications. */
    default String linkPath(String key) {
        return "/";
    }
}
