package dev.vigil.spi;

import dev.vigil.model.SubjectRef;
import dev.vigil.model.Transition;
import java.util.List;

/** Read side of the transition history (writes happen inside a subject write's {@link Commit}). */
public interface TransitionLog {

    /** The subject's transitions, newest first, at most {@code limit}. */
    List<Transition> recent(SubjectRef subject, int limit);
}
