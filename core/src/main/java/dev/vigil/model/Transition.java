package dev.vigil.model;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One recorded change of a monitored subject: a push monitor going UP to DOWN, a service's storage becoming
 * critical, a reminder that something is still DOWN, or a one-off occurrence (a crash, a release). Transitions happen
 * exactly once: they are written by the compare-and-set that changed the state, together with their outbox entries.
 *
 * @param id             unique id (the basis of every notification's idempotency key)
 * @param subject        the subject: its kind and key
 * @param subjectName    the subject's display name at the time
 * @param aspect         what part of the subject changed ({@code health}, {@code storage}, {@code backup}, a dyno),
 *                       empty when the subject has one status
 * @param type           a change, a reminder or an occurrence
 * @param from           the previous status name (upper case, e.g. {@code UP})
 * @param to             the new status name
 * @param severity       how bad it is; notification texts follow it
 * @param at             when it happened (the evaluator's clock)
 * @param reason         why, in words, e.g. {@code no push since 2025-01-15T12:00:00Z; expected by ...}
 * @param labels         the subject's own labels at the time and the change's (a push monitor's {@code id} and
 *                       {@code group}); {@link #allLabels()} adds those every transition has. The subject's
 *                       {@code link} follows from its kind and key: it is added to what routes match and to the
 *                       transition a notifier gets, and not stored
 * @param decision       whether and how it was notified
 * @param decisionDetail the decision in words, e.g. the silence that matched or the channels it went to
 */
public record Transition(
        String id,
        SubjectRef subject,
        String subjectName,
        String aspect,
        TransitionType type,
        String from,
        String to,
        Severity severity,
        Instant at,
        String reason,
        Map<String, String> labels,
        Decision decision,
        String decisionDetail) {

    public Transition {
        labels = Map.copyOf(labels);
    }

    public String kind() {
        return subject.kind();
    }

    public String key() {
        return subject.key();
    }

    /** True when outbox entries were written for this transition. */
    public boolean notified() {
        return decision.notifies();
    }

    /** True for a repeat notification while the state stays the same ({@code repeat_every}). */
    public boolean isReminder() {
        return type == TransitionType.REMINDER;
    }

    /** True for a change of status (not a reminder or an occurrence). */
    public boolean isChange() {
        return type == TransitionType.CHANGE;
    }

    /**
     * What routes and silences matched: {@link #labels()} plus {@code kind}, {@code key}, {@code name}, {@code from},
     * {@code to}, {@code severity}, {@code type} and (when there is one) {@code aspect}. Derived, so a history of
     * many transitions keeps only what differs.
     */
    public Map<String, String> allLabels() {
        return allLabels(subject, subjectName, aspect, type, from, to, severity, labels);
    }

    /** The labels a transition with these fields has; used before the transition exists, to decide on it. */
    public static Map<String, String> allLabels(SubjectRef subject, String subjectName, String aspect,
            TransitionType type, String from, String to, Severity severity, Map<String, String> own) {
        Map<String, String> all = new HashMap<>(own);
        all.put("kind", subject.kind());
        all.put("key", subject.key());
        all.put("name", subjectName);
        all.put("from", from);
        all.put("to", to);
        all.put("severity", severity.wireName());
        all.put("type", type.wireName());
        if (!aspect.isEmpty()) {
            all.put("aspect", aspect);
        }
        return all;
    }
}
