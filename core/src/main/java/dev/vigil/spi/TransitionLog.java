package dev.vigil.spi;

import dev.vigil.notify.SubjectKind;
import dev.vigil.notify.Transition;
import java.util.List;

/** Read side of the transition history (writes happen inside each area's compare-and-set). */
public interface TransitionLog {

    /** The subject's transitions, newest first, at most {@code limit}. */
    List<Transition> recent(SubjectKind kind, long subjectId, int limit);
}
