package dev.vigil.internal;

import dev.vigil.kind.Subject;
import dev.vigil.kind.SubjectKind;
import dev.vigil.kind.Subjects;
import dev.vigil.kind.Update;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Transition;
import dev.vigil.spi.SubjectQuery;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@link Subjects} of one kind over the engine. */
public final class EngineSubjects<S, T> implements Subjects<S, T> {
    private final Engine engine;
    private final SubjectKind<S, T> kind;

    public EngineSubjects(Engine engine, SubjectKind<S, T> kind) {
        this.engine = engine;
        this.kind = kind;
    }

    @Override
    public SubjectKind<S, T> kind() {
        return kind;
    }

    @Override
    public Optional<Subject<S, T>> find(String key) {
        return engine.find(kind, key);
    }

    @Override
    public List<Subject<S, T>> list(@Nullable String afterKey, int limit) {
        SubjectQuery q = SubjectQuery.all(kind.name(), limit);
        if (afterKey != null) {
            q = q.after(afterKey);
        }
        return engine.store().subjects().list(q).stream().map(s -> engine.decode(kind, s)).toList();
    }

    @Override
    public <R> Optional<R> update(String key, Update<S, T, R> update) {
        return engine.update(kind, key, update);
    }

    @Override
    public List<Transition> history(String key, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
        }
        return engine.store().transitions().recent(new SubjectRef(kind.name(), key), limit);
    }

    @Override
    public boolean delete(String key) {
        return engine.store().subjects().delete(new SubjectRef(kind.name(), key), engine.now());
    }
}
