package dev.vigil.store.jdbc.internal;

import dev.vigil.notify.SubjectKind;
import dev.vigil.model.Transition;
import dev.vigil.spi.TransitionLog;
import java.util.List;

/** Transition history, newest first by insertion order. Rows are written by each area's compare-and-set. */
public final class JdbcTransitionLog implements TransitionLog {
    private final Db db;
    private final String sql;

    public JdbcTransitionLog(Db db, Tables tables) {
        this.db = db;
        this.sql = "SELECT " + Rows.TRANSITION_COLUMNS + " FROM " + tables.transition()
                + " WHERE kind = :kind AND subject_id = :id ORDER BY seq DESC LIMIT :limit";
    }

    @Override
    public List<Transition> recent(SubjectKind kind, long subjectId, int limit) {
        return db.auto("reading history", h -> h.createQuery(sql).bind("kind", kind.wireName()).bind("id", subjectId)
                .bind("limit", limit).map((rs, ctx) -> Rows.transition(rs)).list());
    }
}
