package dev.vigil.spi;

import dev.vigil.model.Transition;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a subject write carries besides the subject itself, written in the same atomic step: its transitions (to the
 * transition log), their outbox entries, and the idempotency record of the request that caused it. A crash can
 * never keep one part without the others.
 */
public record Commit(List<Transition> transitions, List<OutboxEntry> outbox, @Nullable IdempotencyRecord idempotency) {
    public static final Commit NONE = new Commit(List.of(), List.of(), null);

    public Commit {
        transitions = List.copyOf(transitions);
        outbox = List.copyOf(outbox);
    }

    public boolean isEmpty() {
        return transitions.isEmpty() && outbox.isEmpty() && idempotency == null;
    }
}
