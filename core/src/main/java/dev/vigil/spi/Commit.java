package dev.vigil.spi;

import dev.vigil.model.Transition;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a subject write carries besides the subject itself, written in the same atomic step: its transitions (to the
 * transition log), their outbox entries, and the idempotency record of the request that caused it. A crash can
 * never keep one part without the others. A write whose idempotency record's scope and key exist already writes
 * nothing and fails (as a lost compare-and-set does): that request was answered, or is being answered, elsewhere.
 *
 * @param stateOnly true when the write changes only the subject's state (a push bumping its counters), not its
 *                  name, labels, status or spec: what change-feed followers index. Such a write is left out of the
 *                  change feed, so the busiest path writes no feed row.
 */
public record Commit(List<Transition> transitions, List<OutboxEntry> outbox, @Nullable IdempotencyRecord idempotency,
        boolean stateOnly) {
    /** Nothing beside the subject; the write appears in the change feed. */
    public static final Commit NONE = new Commit(List.of(), List.of(), null, false);
    /** Nothing beside the subject, and only its state changed: no change-feed entry. */
    public static final Commit STATE_ONLY = new Commit(List.of(), List.of(), null, true);

    public Commit {
        transitions = List.copyOf(transitions);
        outbox = List.copyOf(outbox);
    }

    /** A commit whose write appears in the change feed. */
    public Commit(List<Transition> transitions, List<OutboxEntry> outbox, @Nullable IdempotencyRecord idempotency) {
        this(transitions, outbox, idempotency, false);
    }

    public boolean isEmpty() {
        return transitions.isEmpty() && outbox.isEmpty() && idempotency == null;
    }
}
