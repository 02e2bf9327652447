package dev.vigil.store.memory;

import dev.vigil.notify.SubjectKind;
import dev.vigil.model.Transition;
import dev.vigil.spi.TransitionLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Transition history per subject, newest last, capped. */
final class MemoryTransitionLog implements TransitionLog {
    private record Key(SubjectKind kind, long id) {
    }

    private final ConcurrentHashMap<Key, ArrayDeque<Transition>> bySubject = new ConcurrentHashMap<>();
    private final int cap;

    MemoryTransitionLog(int cap) {
        this.cap = cap;
    }

    void append(List<Transition> transitions) {
        for (Transition t : transitions) {
            ArrayDeque<Transition> q = bySubject.computeIfAbsent(new Key(t.kind(), t.subjectId()), k -> new ArrayDeque<>());
            synchronized (q) {
                q.addLast(t);
                if (q.size() > cap) {
                    q.removeFirst();
                }
            }
        }
    }

    void forget(SubjectKind kind, long id) {
        bySubject.remove(new Key(kind, id));
    }

    @Override
    public List<Transition> recent(SubjectKind kind, long subjectId, int limit) {
        ArrayDeque<Transition> q = bySubject.get(new Key(kind, subjectId));
        if (q == null) {
            return List.of();
        }
        List<Transition> out = new ArrayList<>(Math.min(limit, 64));
        synchronized (q) {
            Iterator<Transition> it = q.descendingIterator();
            while (it.hasNext() && out.size() < limit) {
                out.add(it.next());
            }
        }
        return out;
    }
}
