package dev.vigil.store.memory;

import dev.vigil.notify.SubjectKind;
import dev.vigil.model.Transition;
import dev.vigil.spi.TransitionLog;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's transition log: a push monitor's own transitions live on its record (see {@link History}); any
 * other subject's in {@link MemoryTransitionLog}. A push monitor's list is merged with the shared log only in
 * the unusual case that the shared log holds some for it too.
 */
final class MemoryTransitions implements TransitionLog {
    private final MemoryMonitorStore monitors;
    private final MemoryTransitionLog others;

    MemoryTransitions(MemoryMonitorStore monitors, MemoryTransitionLog others) {
        this.monitors = monitors;
        this.others = others;
    }

    @Override
    public List<Transition> recent(SubjectKind kind, long subjectId, int limit) {
        List<Transition> shared = others.recent(kind, subjectId, limit);
        if (kind != SubjectKind.PUSH_MONITOR) {
            return shared;
        }
        List<Transition> own = monitors.recent(subjectId, limit);
        if (shared.isEmpty()) {
            return own;
        }
        List<Transition> merged = new ArrayList<>(Math.min(limit, own.size() + shared.size()));
        int i = 0;
        int j = 0;
        while (merged.size() < limit && (i < own.size() || j < shared.size())) {
            boolean takeOwn = j >= shared.size()
                    || i < own.size() && !own.get(i).at().isBefore(shared.get(j).at());
            merged.add(takeOwn ? own.get(i++) : shared.get(j++));
        }
        return merged;
    }
}
