package dev.vigil.notify;

import dev.vigil.model.Silence;
import dev.vigil.model.LabelMatcher;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Silences and maintenance windows; obtained from {@link dev.vigil.Vigil#silences()}. */
public interface Silences {

    /**
     * Creates a silence.
     *
     * @param matchers  at least one; all must match a subject's labels
     * @param startsAt  when it begins (may be in the past: it is active at once)
     * @param endsAt    when it ends; after {@code startsAt} and in the future, at most a year away
     * @param createdBy who asked for it (free text)
     * @param comment   why (free text)
     * @throws IllegalArgumentException naming the problem
     */
    Silence create(List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment);

    Optional<Silence> get(String id);

    /** Every silence, newest first; {@code activeOnly} keeps those active now. */
    List<Silence> list(boolean activeOnly);

    /** Ends a silence now, keeping it; false if there is no such silence or it has already ended. */
    boolean expire(String id);
}
