package dev.vigil.store.jdbc.internal;

import dev.vigil.model.SubjectRef;
import dev.vigil.model.Transition;
import dev.vigil.spi.TransitionLog;
import java.util.List;

/** Transition history, newest first by insertion order. Rows are written by the subject writes' commits. */
public final class JdbcTransitionLog implements TransitionLog {
    private final Db db;
    private final String sql;

    public JdbcTransitionLog(Db db, Tables tables) {
        this.db = db;
        this.sql = "SELECT " + Rows.TRANSITION_COLUMNS + " FROM " + tables.transition()
                + " WHERE kind = :kind AND subject_key = :key ORDER BY seq DESC LIMIT :limit";
    }

    @Override
    public List<Transition> recent(SubjectRef subject, int limit) {
        return db.auto("reading history", h -> h.createQuery(sql).bind("kind", subject.kind())
                .bind("key", subject.key()).bind("limit", limit).map((rs, ctx) -> Rows.transition(rs)).list());
    }
}
