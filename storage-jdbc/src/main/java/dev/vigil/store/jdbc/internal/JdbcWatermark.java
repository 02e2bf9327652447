package dev.vigil.store.jdbc.internal;

import dev.vigil.spi.Gap;
import dev.vigil.spi.Watermark;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The watermark (one row, only ever moved forward) and the gaps. */
public final class JdbcWatermark implements Watermark {
    private final Db db;
    private final Tables tables;

    public JdbcWatermark(Db db, Tables tables) {
        this.db = db;
        this.tables = tables;
    }

    @Override
    public Optional<Instant> lastEvaluated() {
        return db.auto("reading the watermark", h -> h.createQuery("SELECT last_evaluated FROM " + tables.watermark()
                + " WHERE id = 1").mapTo(Long.class).findOne().map(Instant::ofEpochMilli));
    }

    @Override
    public void evaluated(Instant at) {
        // monotone in one statement: concurrent instances can only move it forward
        db.tx("moving the watermark", h -> h.createUpdate("UPDATE " + tables.watermark()
                + " SET last_evaluated = GREATEST(COALESCE(last_evaluated, :at), :at) WHERE id = 1")
                .bind("at", at.toEpochMilli()).execute());
    }

    @Override
    public void addGap(Gap gap) {
        db.tx("recording a gap", h -> h.createUpdate("INSERT INTO " + tables.gap() + " (start_at, end_at)"
                + " VALUES (:start, :end)").bind("start", gap.start().toEpochMilli())
                .bind("end", gap.end().toEpochMilli()).execute());
    }

    @Override
    public List<Gap> gaps(Instant since) {
        return db.auto("reading gaps", h -> h.createQuery("SELECT start_at, end_at FROM " + tables.gap()
                + " WHERE end_at >= :since ORDER BY start_at, seq").bind("since", since.toEpochMilli())
                .map((rs, ctx) -> new Gap(Instant.ofEpochMilli(rs.getLong("start_at")),
                        Instant.ofEpochMilli(rs.getLong("end_at"))))
                .list());
    }
}
