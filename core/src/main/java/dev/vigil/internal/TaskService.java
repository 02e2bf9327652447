package dev.vigil.internal;

import dev.vigil.kind.Outcome;
import dev.vigil.kind.Subject;
import dev.vigil.kind.Update;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Transition;
import dev.vigil.notify.Notifier;
import dev.vigil.spi.StoredSubject;
import dev.vigil.spi.SubjectQuery;
import dev.vigil.task.Task;
import dev.vigil.task.TaskExistsException;
import dev.vigil.task.TaskNotFoundException;
import dev.vigil.task.TaskSpec;
import dev.vigil.task.TaskStatus;
import dev.vigil.task.TaskType;
import dev.vigil.task.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@link Tasks} over the engine: tasks are subjects of {@link TaskKind}. */
public final class TaskService implements Tasks {
    private static final int PAGE = 1000;

    private final Engine engine;
    private final TaskKind kind;
    private final Channels channels;

    public TaskService(Engine engine, TaskKind kind, Channels channels) {
        this.engine = engine;
        this.kind = kind;
        this.channels = channels;
    }

    TaskKind kind() {
        return kind;
    }

    @Override
    public Task create(TaskSpec spec) {
        String key = spec.key();
        Optional<Subject<TaskSpec, TaskState>> written = engine.update(kind, key, (current, now) -> {
            if (current != null) {
                return null;
            }
            Duration period = spec.period();
            Long nextAt = period == null ? null : now.toEpochMilli() + period.toMillis();
            TaskState state = TaskState.initial(now.toEpochMilli(), nextAt);
            return new Update.Proposal<>(spec, Outcome.of(state), Boolean.TRUE);
        }).map(ignored -> engine.find(kind, key).orElseThrow());
        if (written.isEmpty()) {
            throw new TaskExistsException(key);
        }
        kind.samples().forget(spec.app()); // its ring is rebuilt to what the app's tasks need now
        return view(written.get());
    }

    @Override
    public Task update(TaskSpec spec) {
        String key = spec.key();
        Optional<Boolean> done = engine.update(kind, key, (current, now) -> {
            if (current == null) {
                return null;
            }
            TaskState s = current.state();
            Duration period = spec.period();
            if (period != null && s.nextAt() != null) {
                // a shorter period takes effect at once; statistics and dyno states are kept
                s = s.withNextAt(Math.min(s.nextAt(), now.toEpochMilli() + period.toMillis()));
            }
            return new Update.Proposal<>(spec, Outcome.of(s), Boolean.TRUE);
        });
        if (done.isEmpty()) {
            throw new TaskNotFoundException(key);
        }
        kind.samples().forget(spec.app());
        return find(key).orElseThrow(() -> new TaskNotFoundException(key));
    }

    @Override
    public Optional<Task> find(TaskType type, String app) {
        if (type == TaskType.MEMORY) {
            throw new IllegalArgumentException("memory tasks are found by app and dyno type: findMemory(app, dynotype)");
        }
        return find(TaskSpec.key(type, app, null));
    }

    @Override
    public Optional<Task> findMemory(String app, String dynotype) {
        return find(TaskSpec.key(TaskType.MEMORY, app, dynotype));
    }

    private Optional<Task> find(String key) {
        if (key.length() > SubjectRef.MAX_KEY_LENGTH) {
            return Optional.empty(); // no task has a key that long: app and dyno type from a URL are not checked yet
        }
        return engine.find(kind, key).map(this::view);
    }

    @Override
    public List<Task> list(TaskType type) {
        return query(Map.of(TaskKind.LABEL_TASK, Set.of(type.wireName())));
    }

    @Override
    public List<Task> listMemory(String app) {
        return query(Map.of(TaskKind.LABEL_TASK, Set.of(TaskType.MEMORY.wireName()), TaskKind.LABEL_APP, Set.of(app)));
    }

    private List<Task> query(Map<String, Set<String>> labels) {
        List<Task> out = new ArrayList<>();
        SubjectQuery q = new SubjectQuery(TaskKind.NAME, labels, Map.of(), Set.of(), null, PAGE);
        while (true) {
            List<StoredSubject> page = engine.store().subjects().list(q);
            for (StoredSubject s : page) {
                out.add(view(engine.decode(kind, s)));
            }
            if (page.size() < q.limit()) {
                return out;
            }
            q = q.after(page.get(page.size() - 1).key());
        }
    }

    @Override
    public boolean delete(TaskType type, String app) {
        if (type == TaskType.MEMORY) {
            throw new IllegalArgumentException("memory tasks are deleted by app and dyno type: deleteMemory(app, "
                    + "dynotype)");
        }
        return delete(TaskSpec.key(type, app, null), app);
    }

    @Override
    public boolean deleteMemory(String app, String dynotype) {
        return delete(TaskSpec.key(TaskType.MEMORY, app, dynotype), app);
    }

    private boolean delete(String key, String app) {
        if (key.length() > SubjectRef.MAX_KEY_LENGTH) {
            return false; // as in find: nothing to delete (was a 500 for a long app and dyno type in the URL)
        }
        boolean deleted = engine.store().subjects().delete(new SubjectRef(TaskKind.NAME, key), engine.now());
        if (deleted) {
            kind.samples().forget(app);
        }
        return deleted;
    }

    @Override
    public List<Transition> history(String key, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
        }
        return engine.store().transitions().recent(new SubjectRef(TaskKind.NAME, key), limit);
    }

    @Override
    public List<String> warnings(TaskSpec spec) {
        List<String> warnings = new ArrayList<>(2);
        if (spec.slack() != null) {
            unconfigured(SLACK_CHANNEL).ifPresent(warnings::add);
        }
        if (spec.email() != null) {
            unconfigured(EMAIL_CHANNEL).ifPresent(warnings::add);
        }
        return warnings;
    }

    private Optional<String> unconfigured(String channel) {
        Notifier n = channels.get(channel);
        return n instanceof UnconfiguredChannel u ? Optional.of(u.advice()) : Optional.empty();
    }

    /** An occurrence (a crash, a release) on the app's task of that type; false when the app has no such task. */
    boolean occurrence(TaskType type, String app, String reason, Map<String, String> labels) {
        return engine.update(kind, TaskSpec.key(type, app, null), (current, now) -> current == null ? null
                : new Update.Proposal<>(current.spec(), TaskLogic.occurrence(current.state(), reason, labels, now),
                        Boolean.TRUE)).isPresent();
    }

    Task view(Subject<TaskSpec, TaskState> s) {
        TaskState st = s.state();
        Map<String, TaskStatus.Dyno> dynos = new LinkedHashMap<>();
        st.dynos().forEach((name, d) -> dynos.put(name, new TaskStatus.Dyno(d.level(), d.mean(),
                Instant.ofEpochMilli(d.since()))));
        TaskStatus status = new TaskStatus(st.level(), Instant.ofEpochMilli(st.since()), st.value(), st.sigma(),
                st.rate(), st.mean(), st.stddev(), dynos, millis(st.evaluatedAt()), millis(st.nextAt()),
                st.occurrences());
        return new Task(s.ref().key(), s.spec(), status, warnings(s.spec()), s.createdAt(), s.updatedAt());
    }

    private static @Nullable Instant millis(@Nullable Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

}
