package dev.vigil.store.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Silence;
import dev.vigil.spi.SilenceStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.SqlStatement;

/** Silences; matchers are stored as a JSON array of their {@code label op value} text. */
public final class JdbcSilenceStore implements SilenceStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, matchers, starts_at, ends_at, created_by, comment, created_at";

    private final Db db;
    private final String insertSql;
    private final String updateSql;
    private final String selectSql;

    public JdbcSilenceStore(Db db, Tables tables) {
        this.db = db;
        String t = tables.silence();
        this.insertSql = "INSERT INTO " + t + " (" + COLUMNS + ") VALUES (:id, :matchers, :starts_at, :ends_at,"
                + " :created_by, :comment, :created_at)";
        this.updateSql = "UPDATE " + t + " SET matchers = :matchers, starts_at = :starts_at, ends_at = :ends_at,"
                + " created_by = :created_by, comment = :comment, created_at = :created_at WHERE id = :id";
        this.selectSql = "SELECT " + COLUMNS + " FROM " + t;
    }

    @Override
    public void insert(Silence silence) {
        db.tx("creating a silence", h -> bind(h.createUpdate(insertSql), silence).execute());
    }

    @Override
    public boolean update(Silence silence) {
        return db.tx("updating a silence", h -> bind(h.createUpdate(updateSql), silence).execute()) == 1;
    }

    @Override
    public Optional<Silence> find(String id) {
        return db.auto("reading a silence", h -> h.createQuery(selectSql + " WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> silence(rs)).findOne());
    }

    @Override
    public List<Silence> list() {
        return db.auto("reading silences", h -> h.createQuery(selectSql + " ORDER BY created_at DESC, id")
                .map((rs, ctx) -> silence(rs)).list());
    }

    private static <S extends SqlStatement<S>> S bind(S st, Silence s) {
        List<String> matchers = s.matchers().stream().map(LabelMatcher::toString).toList();
        try {
            return st.bind("id", s.id())
                    .bind("matchers", JSON.writeValueAsString(matchers))
                    .bind("starts_at", s.startsAt().toEpochMilli())
                    .bind("ends_at", s.endsAt().toEpochMilli())
                    .bind("created_by", s.createdBy())
                    .bind("comment", s.comment())
                    .bind("created_at", s.createdAt().toEpochMilli());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode matchers", e);
        }
    }

    private static Silence silence(ResultSet rs) throws SQLException {
        List<LabelMatcher> matchers = new ArrayList<>();
        try {
            for (String m : JSON.readValue(rs.getString("matchers"), String[].class)) {
                matchers.add(LabelMatcher.parse(m));
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("stored silence matchers cannot be read", e);
        }
        return new Silence(rs.getString("id"), matchers, Instant.ofEpochMilli(rs.getLong("starts_at")),
                Instant.ofEpochMilli(rs.getLong("ends_at")), rs.getString("created_by"), rs.getString("comment"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
