package dev.vigil.notify;

import dev.vigil.Status;
import java.time.Instant;

/**
 * One change of state of a monitored subject, e.g. a push monitor going UP to DOWN, or a reminder that it is still
 * DOWN ({@code from == to}). Transitions happen exactly once: they are written by the compare-and-set that changed
 * the state, together with their outbox entries.
 *
 * @param id             unique id (the basis of every notification's idempotency key)
 * @param kind           what kind of subject changed
 * @param subjectId      the subject's id (a push monitor's numeric id)
 * @param subjectName    the subject's name at the time
 * @param from           the previous state
 * @param to             the new state
 * @param at             when it happened (the evaluator's clock)
 * @param reason         why, in words, e.g. {@code no push since 2025-01-15T12:00:00Z; expected by ...}
 * @param decision       whether and how it was notified
 * @param decisionDetail the decision in words, e.g. the silence that matched or the channels it went to
 */
public record Transition(
        String id,
        SubjectKind kind,
        long subjectId,
        String subjectName,
        Status from,
        Status to,
        Instant at,
        String reason,
        Decision decision,
        String decisionDetail) {

    /** True when outbox entries were written for this transition. */
    public boolean notified() {
        return decision.notifies();
    }

    /** True for a repeat notification while the state stays the same ({@code repeat_every}). */
    public boolean isReminder() {
        return from.equals(to);
    }
}
