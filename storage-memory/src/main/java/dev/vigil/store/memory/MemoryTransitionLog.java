package dev.vigil.store.memory;

import dev.vigil.model.SubjectRef;
import dev.vigil.model.Transition;
import dev.vigil.spi.TransitionLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Each subject's transitions, newest first, at most {@code perSubject} of them. Written only inside a subject write
 * (which holds the store lock); read under the same lock, since the deques are not thread-safe.
 */
final class MemoryTransitionLog implements TransitionLog {
    private final Object lock;
    private final int perSubject;
    private final Map<SubjectRef, ArrayDeque<Transition>> bySubject = new HashMap<>();

    MemoryTransitionLog(Object lock, int perSubject) {
        this.lock = lock;
        this.perSubject = perSubject;
    }

    /** Records transitions in the order given (the last one is the newest). Caller holds the lock. */
    void append(List<Transition> transitions) {
        for (Transition t : transitions) {
            ArrayDeque<Transition> history = bySubject.computeIfAbsent(t.subject(), r -> new ArrayDeque<>(4));
            history.addFirst(t);
            if (history.size() > perSubject) {
                history.removeLast();
            }
        }
    }

    /** Forgets a subject's history. Caller holds the lock. */
    void remove(SubjectRef subject) {
        bySubject.remove(subject);
    }

    @Override
    public List<Transition> recent(SubjectRef subject, int limit) {
        synchronized (lock) {
            ArrayDeque<Transition> history = bySubject.get(subject);
            if (history == null) {
                return List.of();
            }
            List<Transition> out = new ArrayList<>(Math.min(limit, history.size()));
            for (Iterator<Transition> it = history.iterator(); it.hasNext() && out.size() < limit;) {
                out.add(it.next());
            }
            return out;
        }
    }
}
