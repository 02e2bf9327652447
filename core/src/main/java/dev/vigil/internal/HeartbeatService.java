package dev.vigil.internal;

import dev.vigil.heartbeat.CheckEvent;
import dev.vigil.heartbeat.DuplicateHeartbeatException;
import dev.vigil.heartbeat.Heartbeat;
import dev.vigil.heartbeat.HeartbeatSpec;
import dev.vigil.heartbeat.Heartbeats;
import dev.vigil.kind.Outcome;
import dev.vigil.kind.Subject;
import dev.vigil.kind.Update;
import dev.vigil.model.Signal;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Transition;
import dev.vigil.spi.StoreUnavailableException;
import dev.vigil.spi.StoredSubject;
import dev.vigil.spi.SubjectChange;
import dev.vigil.spi.SubjectQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Heartbeats} over the engine, and the matcher that feeds them.
 *
 * <p><b>Matching</b> runs on the signal's thread ({@link SignalBus} subscriber) against the in-memory
 * {@link HeartbeatIndex} and never touches the store: a match is coalesced into a pending entry per heartbeat. The
 * pending matches are written through the engine (compare-and-set) by {@link #beforeEvaluation}, which the
 * evaluator runs before it claims due subjects, on every step and every {@code tick()}. A heartbeat's first pending
 * match also wakes the evaluator no later than its deadline minus the claim lease, so another instance sharing the
 * store never evaluates it on a stale last match.
 *
 * <p><b>The index</b> follows the store's change feed in {@link #beforeEvaluation}: heartbeats created or deleted by
 * another instance are matched here from this instance's next evaluator step on (at most {@code maxIdle} later).
 */
public final class HeartbeatService implements Heartbeats {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatService.class);
    private static final int PAGE = 1000;
    /** A gap in the change feed's numbers is re-read for this long (a concurrent commit may still show up). */
    private static final Duration GAP_WAIT = Duration.ofSeconds(10);
    private static final int GAP_CHECKS = 50;
    private static final int MAX_GAP = 10_000;
    private static final int MAX_ID_LENGTH = 64;

    private final Engine engine;
    private final SignalBus signals;
    private final Engine.Wakeup evaluatorWakeup;
    private final Duration lease;
    private final HeartbeatIndex index = new HeartbeatIndex();
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final Object feedLock = new Object();
    private volatile boolean loaded;
    private long cursor; // the highest change-feed number read (under feedLock)
    /** Missing feed numbers below the cursor: number to {first noticed (epoch ms), checks}. */
    private final TreeMap<Long, long[]> missing = new TreeMap<>();

    public HeartbeatService(Engine engine, SignalBus signals, Engine.Wakeup evaluatorWakeup, Duration lease) {
        this.engine = engine;
        this.signals = signals;
        this.evaluatorWakeup = evaluatorWakeup;
        this.lease = lease;
        signals.subscribe(this::match, () -> index.size() > 0);
        try {
            load();
        } catch (StoreUnavailableException e) {
            LOG.warn("Store unavailable while loading heartbeats; they are loaded at the evaluator's next step: {}",
                    e.getMessage());
        }
    }

    /** Coalesced matches of one heartbeat, not yet written. Mutated only inside the map's compute. */
    private static final class Pending {
        long lastAt;
        long count;
        @Nullable Map<String, Long> sources;

        Pending add(long at, @Nullable String source) {
            lastAt = Math.max(lastAt, at);
            count++;
            if (source != null) {
                if (sources == null) {
                    sources = new HashMap<>(4);
                }
                if (sources.size() < HeartbeatSpec.MAX_SOURCES * 2 || sources.containsKey(source)) {
                    sources.merge(source, at, Math::max);
                }
            }
            return this;
        }

        Pending merge(Pending other) {
            lastAt = Math.max(lastAt, other.lastAt);
            count += other.count;
            if (other.sources != null) {
                if (sources == null) {
                    sources = new HashMap<>(other.sources);
                } else {
                    other.sources.forEach((k, v) -> sources.merge(k, v, Math::max));
                }
            }
            return this;
        }

        HeartbeatLogic.Matches matches() {
            return new HeartbeatLogic.Matches(lastAt, count, sources == null ? Map.of() : sources);
        }
    }

    // ---- matching (the signal's thread) ----

    /** Matches a signal against every pattern; only memory is touched. */
    void match(Signal signal) {
        long at = signal.at().toEpochMilli();
        Map<String, String> fields = signal.fields();
        index.match(fields, e -> {
            String source = e.spec.sourceField() == null ? null : fields.get(e.spec.sourceField());
            boolean[] first = new boolean[1];
            pending.compute(e.id, (id, p) -> {
                if (p == null) {
                    first[0] = true;
                    return new Pending().add(at, source);
                }
                return p.add(at, source);
            });
            if (first[0]) {
                long due = e.dueAt;
                long flushBy = due == Long.MIN_VALUE ? at : Math.max(at, due - lease.toMillis());
                evaluatorWakeup.dueAt(Instant.ofEpochMilli(flushBy));
            }
        });
    }

    /** The ids of the heartbeats a signal with these fields matches (for tests and diagnostics). */
    public List<String> matching(Map<String, String> fields) {
        List<String> out = new ArrayList<>();
        index.match(fields, e -> out.add(e.id));
        return out;
    }

    // ---- the evaluator's step ----

    /**
     * Brings the index up to date with the change feed, then writes pending matches. Runs before each evaluation
     * pass, on the evaluator's thread (and in {@code tick()}).
     */
    public void beforeEvaluation(Instant now) {
        if (!loaded) {
            load();
        } else {
            follow(now);
        }
        flush();
    }

    /** Writes every pending match through the engine; on a store failure they stay pending. */
    public void flush() {
        for (Iterator<String> it = pending.keySet().iterator(); it.hasNext(); ) {
            String id = it.next();
            Pending p = pending.remove(id);
            if (p == null) {
                continue;
            }
            try {
                write(id, p.matches());
            } catch (StoreUnavailableException e) {
                pending.merge(id, p, (arrived, mine) -> arrived.merge(mine)); // kept for the next step
                throw e;
            } catch (RuntimeException e) { // one unreadable heartbeat must not hold up the others
                LOG.warn("Could not write the matches of heartbeat {}; they are dropped", id, e);
            }
        }
    }

    private void write(String id, HeartbeatLogic.Matches m) {
        Optional<Long> due = engine.update(HeartbeatKind.INSTANCE, id, (current, now) -> {
            if (current == null) {
                return null; // deleted meanwhile
            }
            Outcome<HeartbeatState> o = HeartbeatLogic.onMatches(current.spec(), current.state(), m, now);
            Instant next = HeartbeatLogic.nextDue(current.spec(), o.state());
            return new Update.Proposal<>(current.spec(), o, next == null ? Long.MIN_VALUE : next.toEpochMilli());
        });
        HeartbeatIndex.Entry e = index.get(id);
        if (e != null && due.isPresent()) {
            e.dueAt = due.get();
        }
    }

    /** Reads the feed's head, then every heartbeat: changes after the head are followed from here on. */
    private void load() {
        synchronized (feedLock) {
            if (loaded) {
                return;
            }
            long head = 0;
            while (true) {
                List<SubjectChange> page = engine.store().subjects().changesSince(head, 10_000);
                if (page.isEmpty()) {
                    break;
                }
                head = page.get(page.size() - 1).seq();
            }
            SubjectQuery q = SubjectQuery.all(HeartbeatKind.NAME, PAGE);
            while (true) {
                List<StoredSubject> page = engine.store().subjects().list(q);
                page.forEach(this::index);
                if (page.size() < PAGE) {
                    break;
                }
                q = q.after(page.get(page.size() - 1).key());
            }
            cursor = head;
            loaded = true;
        }
    }

    private void index(StoredSubject s) {
        HeartbeatSpec spec = HeartbeatKind.INSTANCE.specCodec().decode(s.spec());
        index.put(new HeartbeatIndex.Entry(s.key(), spec,
                s.dueAt() == null ? Long.MIN_VALUE : s.dueAt().toEpochMilli()));
    }

    /**
     * Applies the feed's new entries. A number missing in the feed may belong to a transaction that commits later
     * (PostgreSQL), so missing numbers are re-read for a while; every entry is applied by reading the subject's
     * current row, so order and repeats do not matter.
     */
    private void follow(Instant now) {
        synchronized (feedLock) {
            while (true) {
                List<SubjectChange> page = engine.store().subjects().changesSince(cursor, PAGE);
                for (SubjectChange c : page) {
                    if (c.seq() > cursor + 1 && missing.size() < MAX_GAP) {
                        for (long s = cursor + 1; s < c.seq() && missing.size() < MAX_GAP; s++) {
                            missing.put(s, new long[] {now.toEpochMilli(), 0});
                        }
                    }
                    apply(c);
                    cursor = Math.max(cursor, c.seq());
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            long first = missing.firstKey();
            long span = Math.min(PAGE, missing.lastKey() - first + 1);
            for (SubjectChange c : engine.store().subjects().changesSince(first - 1, (int) span)) {
                if (missing.remove(c.seq()) != null) {
                    apply(c);
                }
            }
            missing.values().removeIf(m -> ++m[1] > GAP_CHECKS
                    || now.toEpochMilli() - m[0] > GAP_WAIT.toMillis());
        }
    }

    private void apply(SubjectChange c) {
        if (!c.ref().kind().equals(HeartbeatKind.NAME)) {
            return;
        }
        Optional<StoredSubject> s = engine.store().subjects().find(c.ref());
        if (s.isPresent()) {
            index(s.get());
        } else {
            index.remove(c.ref().key());
            pending.remove(c.ref().key());
        }
    }

    // ---- the API ----

    @Override
    public Heartbeat create(HeartbeatSpec spec) {
        Objects.requireNonNull(spec, "spec");
        String canonical = HeartbeatIds.canonical(spec.pattern());
        String alternate = HeartbeatIds.alternate(spec.pattern());
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Subject<HeartbeatSpec, HeartbeatState>> a = engine.find(HeartbeatKind.INSTANCE, canonical);
            Optional<Subject<HeartbeatSpec, HeartbeatState>> b = engine.find(HeartbeatKind.INSTANCE, alternate);
            for (Optional<Subject<HeartbeatSpec, HeartbeatState>> s : List.of(a, b)) {
                if (s.isPresent() && s.get().spec().pattern().equals(spec.pattern())) {
                    throw new DuplicateHeartbeatException(s.get().key());
                }
            }
            String id = a.isEmpty() ? canonical : b.isEmpty() ? alternate : null;
            if (id == null) {
                throw new IllegalStateException("the pattern's id and alternate id are both taken by other patterns");
            }
            Optional<Subject<HeartbeatSpec, HeartbeatState>> created = engine.insertNew(HeartbeatKind.INSTANCE, id,
                    spec, now -> HeartbeatState.initial(now.toEpochMilli()));
            if (created.isPresent()) {
                Subject<HeartbeatSpec, HeartbeatState> s = created.get();
                index.put(new HeartbeatIndex.Entry(id, spec, s.dueAt() == null ? Long.MIN_VALUE
                        : s.dueAt().toEpochMilli()));
                return view(s);
            }
            // another caller inserted under that id meanwhile: look again
        }
        throw new IllegalStateException("could not create the heartbeat: its id kept being taken concurrently");
    }

    /**
     * Declares a heartbeat (YAML {@code heartbeats:}), idempotent by pattern: creates it when no heartbeat has the
     * pattern, replaces interval and quorum when they differ (keeping its state), and otherwise writes nothing.
     */
    public Heartbeat declare(HeartbeatSpec spec) {
        try {
            return create(spec);
        } catch (DuplicateHeartbeatException e) {
            String id = e.existingId();
            engine.update(HeartbeatKind.INSTANCE, id, (current, now) -> current == null || current.spec().equals(spec)
                    ? null : new Update.Proposal<>(spec, Outcome.of(current.state()), Boolean.TRUE));
            Subject<HeartbeatSpec, HeartbeatState> s = engine.find(HeartbeatKind.INSTANCE, id).orElseThrow();
            index.put(new HeartbeatIndex.Entry(id, s.spec(), s.dueAt() == null ? Long.MIN_VALUE
                    : s.dueAt().toEpochMilli()));
            return view(s);
        }
    }

    @Override
    public Optional<Heartbeat> get(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return Optional.empty();
        }
        return engine.find(HeartbeatKind.INSTANCE, id).map(HeartbeatService::view);
    }

    @Override
    public List<Heartbeat> list() {
        List<Heartbeat> out = new ArrayList<>();
        SubjectQuery q = SubjectQuery.all(HeartbeatKind.NAME, PAGE);
        while (true) {
            List<StoredSubject> page = engine.store().subjects().list(q);
            page.forEach(s -> out.add(view(engine.decode(HeartbeatKind.INSTANCE, s))));
            if (page.size() < PAGE) {
                break;
            }
            q = q.after(page.get(page.size() - 1).key());
        }
        out.sort(Comparator.comparing(Heartbeat::createdAt).thenComparing(Heartbeat::id));
        return out;
    }

    @Override
    public boolean delete(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        boolean deleted = engine.store().subjects().delete(new SubjectRef(HeartbeatKind.NAME, id), engine.now());
        index.remove(id);
        pending.remove(id);
        return deleted;
    }

    @Override
    public List<Transition> history(String id, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
        }
        return engine.store().transitions().recent(new SubjectRef(HeartbeatKind.NAME, id), limit);
    }

    @Override
    public void receive(CheckEvent event) {
        Objects.requireNonNull(event, "event");
        Instant now = engine.now();
        signals.publish(() -> new Signal(Signal.CHECK_EVENT, now, event.fields()));
    }

    private static Heartbeat view(Subject<HeartbeatSpec, HeartbeatState> s) {
        HeartbeatState st = s.state();
        Instant due = HeartbeatLogic.nextDue(s.spec(), st);
        return new Heartbeat(s.key(), s.spec(), st.status(),
                st.lastMatchAt() == null ? null : Instant.ofEpochMilli(st.lastMatchAt()),
                List.copyOf(new TreeSet<>(st.sources().keySet())), due, s.createdAt());
    }
}
