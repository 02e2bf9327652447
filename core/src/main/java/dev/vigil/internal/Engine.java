package dev.vigil.internal;

import dev.vigil.kind.Change;
import dev.vigil.kind.Outcome;
import dev.vigil.kind.Subject;
import dev.vigil.kind.SubjectKind;
import dev.vigil.kind.Target;
import dev.vigil.kind.Update;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Transition;
import dev.vigil.notify.NotificationText;
import dev.vigil.spi.Commit;
import dev.vigil.spi.Gap;
import dev.vigil.spi.IdempotencyRecord;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.StoredSubject;
import dev.vigil.spi.VigilStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one write path for every kind: read, apply a pure function, and write subject, transitions (with their
 * notification decisions) and outbox entries in one compare-and-set, retried on conflict. Kinds never touch the
 * store; the store never knows a kind.
 */
public final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final int MAX_WAKE_DEPTH = 4;
    private static final ThreadLocal<Integer> WAKE_DEPTH = ThreadLocal.withInitial(() -> 0);

    private final VigilStore store;
    private final InstantSource clock;
    private final Kinds kinds;
    private final NotificationPolicy policy;
    private final Wakeup evaluatorWakeup;
    private final Wakeup dispatcherWakeup;
    /** Null when the store reads new objects: then nothing would be found again. */
    private final @Nullable RecentStates recentStates;
    private final Listeners listeners;

    public Engine(VigilStore store, InstantSource clock, Kinds kinds, NotificationPolicy policy, Wakeup evaluatorWakeup,
            Wakeup dispatcherWakeup) {
        this(store, clock, kinds, policy, evaluatorWakeup, dispatcherWakeup, Listeners.NONE);
    }

    public Engine(VigilStore store, InstantSource clock, Kinds kinds, NotificationPolicy policy, Wakeup evaluatorWakeup,
            Wakeup dispatcherWakeup, Listeners listeners) {
        this.listeners = listeners;
        this.store = store;
        this.recentStates = store.subjects().returnsWrittenObjects() ? new RecentStates() : null;
        this.clock = clock;
        this.kinds = kinds;
        this.policy = policy;
        this.evaluatorWakeup = evaluatorWakeup;
        this.dispatcherWakeup = dispatcherWakeup;
    }

    /** Something that wants to know when work becomes due earlier than it planned. */
    public interface Wakeup {
        void dueAt(Instant at);
    }

    public VigilStore store() {
        return store;
    }

    public Kinds kinds() {
        return kinds;
    }

    /** The host's listeners, for the services and the evaluator. */
    public Listeners listeners() {
        return listeners;
    }

    /** The engine's clock at millisecond precision, so every store keeps exactly what the memory store keeps. */
    public Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    public <S, T> Optional<Subject<S, T>> find(SubjectKind<S, T> kind, String key) {
        return store.subjects().find(new SubjectRef(kind.name(), key)).map(s -> decode(kind, s));
    }

    public <S, T> Subject<S, T> decode(SubjectKind<S, T> kind, StoredSubject s) {
        return new Subject<>(s.ref(), s.version(), s.name(), s.status(), s.dueAt(), kind.specCodec().decode(s.spec()),
                decodeState(kind, s.state()), s.createdAt(), s.updatedAt());
    }

    @SuppressWarnings("unchecked") // a text is remembered only with the state its kind's codec encoded it from
    private <T> T decodeState(SubjectKind<?, T> kind, String text) {
        Object recent = recentStates == null ? null : recentStates.get(text);
        return recent != null ? (T) recent : kind.stateCodec().decode(text);
    }

    /**
     * Applies {@code update} to the subject, retrying on conflict; empty when it proposed nothing. The idempotency
     * record, when given, is written with the change.
     *
     * <p>The first attempt starts from the store's last known version of the subject ({@link
     * dev.vigil.spi.SubjectStore#findLastKnown}), which saves a database read per push but may be stale when other
     * instances write too. A stale proposal fails its compare-and-set and is retried on a fresh read; a decision that
     * writes nothing (no proposal, or an exception) cannot be checked that way, so it is taken again on a fresh read.
     */
    public <S, T, R> Optional<R> update(SubjectKind<S, T> kind, String key, Update<S, T, R> update) {
        return update(kind, key, update, null);
    }

    public <S, T, R> Optional<R> update(SubjectKind<S, T> kind, String key, Update<S, T, R> update,
            @Nullable IdempotencyRecord idempotency) {
        SubjectRef ref = new SubjectRef(kind.name(), key);
        StoredSubject stored = store.subjects().findLastKnown(ref).orElse(null);
        boolean fresh = false; // true once stored comes from find
        while (true) {
            Instant now = now();
            Subject<S, T> current = stored == null ? null : decode(kind, stored);
            Update.Proposal<S, T, R> p;
            RuntimeException failed = null;
            try {
                p = update.apply(current, now);
            } catch (RuntimeException e) {
                p = null;
                failed = e;
            }
            if (p == null) {
                // nothing to compare-and-set: make sure the decision was taken on what is stored now
                StoredSubject again = fresh ? stored : store.subjects().find(ref).orElse(null);
                if (Objects.equals(again, stored)) {
                    if (failed != null) {
                        throw failed;
                    }
                    return Optional.empty();
                }
                stored = again; // decided on a stale copy: decide again
                fresh = true;
                continue;
            }
            String specText = current != null && p.spec() == current.spec() ? stored.spec()
                    : kind.specCodec().encode(p.spec());
            if (keyedWrite(kind, ref, stored, current, p.spec(), specText, p.outcome(), idempotency, now)) {
                return Optional.of(p.result());
            }
            stored = store.subjects().find(ref).orElse(null);
            fresh = true;
        }
    }

    /**
     * Inserts a subject under a key nobody can have used yet (a fresh id from a sequence), skipping the read that
     * {@link #update} starts with. Returns the subject as written, or empty when the key was taken after all.
     *
     * @throws dev.vigil.model.DuplicateNameException if another subject of the kind has its name
     */
    public <S, T> Optional<Subject<S, T>> insertNew(SubjectKind<S, T> kind, String key, S spec,
            Function<Instant, T> initialState) {
        SubjectRef ref = new SubjectRef(kind.name(), key);
        Instant now = now();
        T state = initialState.apply(now);
        if (!keyedWrite(kind, ref, null, null, spec, kind.specCodec().encode(spec), Outcome.of(state), null, now)) {
            return Optional.empty();
        }
        return Optional.of(new Subject<>(ref, 1, kind.displayName(key, spec), kind.status(spec, state),
                kind.nextDue(spec, state), spec, state, now, now));
    }

    /**
     * Evaluates one claimed subject at {@code now}: first moves a deadline that fell inside a gap in Vigil's own
     * evaluation, then runs the kind's {@code onDue} if it is (still) due. Retries on conflict while it stays due.
     * Returns the number of transitions written.
     */
    public <S, T> int evaluate(SubjectKind<S, T> kind, StoredSubject claimed, Instant now, List<Gap> gaps) {
        StoredSubject stored = claimed;
        while (true) {
            Subject<S, T> current = decode(kind, stored);
            S spec = current.spec();
            T state = current.state();
            Instant due = kind.nextDue(spec, state);
            Gap gap = due == null ? null : containing(gaps, due);
            if (gap != null) {
                state = kind.afterGap(spec, state, gap.end());
                due = kind.nextDue(spec, state);
            }
            if (gap == null && (due == null || due.isAfter(now))) {
                return 0; // an input or an edit got there first
            }
            Outcome<T> outcome = due != null && !due.isAfter(now) ? kind.onDue(stored.key(), spec, state, now) : Outcome.of(state);
            if (write(kind, stored.ref(), stored, current, spec, stored.spec(), outcome, null, now)) {
                return outcome.changes().size();
            }
            Optional<StoredSubject> reloaded = store.subjects().find(stored.ref());
            if (reloaded.isEmpty()) {
                return 0;
            }
            stored = reloaded.get();
        }
    }

    private static @Nullable Gap containing(List<Gap> gaps, Instant due) {
        for (Gap g : gaps) {
            if (g.contains(due)) {
                return g;
            }
        }
        return null;
    }

    /**
     * {@link #write} carrying {@code idempotency}, or else the key of the request running on this thread, if it has
     * one and has not written it yet (a request's first change carries its key). When the write fails because a
     * racing request took that key, throws {@link IdempotencyKeys.KeyTaken} instead of returning false: trying again
     * would apply the request twice.
     */
    private <S, T> boolean keyedWrite(SubjectKind<S, T> kind, SubjectRef ref, @Nullable StoredSubject stored,
            @Nullable Subject<S, T> previous, S spec, String specText, Outcome<T> outcome,
            @Nullable IdempotencyRecord idempotency, Instant now) {
        IdempotencyRecord requestKey = idempotency == null ? IdempotencyKeys.pendingFor(now) : null;
        if (write(kind, ref, stored, previous, spec, specText, outcome,
                idempotency != null ? idempotency : requestKey, now)) {
            if (requestKey != null) {
                IdempotencyKeys.written(requestKey);
            }
            return true;
        }
        if (requestKey != null) {
            IdempotencyKeys.checkTaken(store.idempotency(), requestKey);
        }
        return false;
    }

    /**
     * One insert or compare-and-set carrying the new state, its transitions and their outbox entries; {@code
     * previous} is {@code stored} decoded (null with it).
     */
    private <S, T> boolean write(SubjectKind<S, T> kind, SubjectRef ref, @Nullable StoredSubject stored,
            @Nullable Subject<S, T> previous, S spec, String specText, Outcome<T> outcome,
            @Nullable IdempotencyRecord idempotency, Instant now) {
        T state = outcome.state();
        String name = kind.displayName(ref.key(), spec);
        Map<String, String> labels = stored != null && previous != null
                && kind.labelsUnchanged(previous.spec(), previous.state(), spec, state)
                ? stored.labels() : kind.labels(ref.key(), spec, state);
        String status = kind.status(spec, state);
        Instant due = kind.nextDue(spec, state);
        String stateText = kind.stateCodec().encode(state);
        if (stored != null) {
            // what did not change is kept as the very objects stored, so a store that keeps them keeps one copy
            ref = stored.ref();
            name = stored.name().equals(name) ? stored.name() : name;
            labels = stored.labels().equals(labels) ? stored.labels() : labels;
            specText = stored.spec().equals(specText) ? stored.spec() : specText;
        }
        // followers of the change feed index name, labels, status and spec; a write that keeps them needs no entry
        boolean stateOnly = stored != null && stored.spec() == specText && stored.status().equals(status)
                && stored.name() == name && stored.labels() == labels;
        Commit commit = stateOnly ? Commit.STATE_ONLY : Commit.NONE;
        List<OutboxEntry> outbox = List.of();
        List<Transition> transitions = List.of();
        if (!outcome.changes().isEmpty() || idempotency != null) {
            transitions = new ArrayList<>(outcome.changes().size());
            outbox = new ArrayList<>();
            for (Change c : outcome.changes()) {
                transitions.add(transition(kind, ref, name, spec, labels, c, now, outbox));
            }
            commit = new Commit(transitions, outbox, idempotency, stateOnly);
        }
        boolean written;
        if (stored == null) {
            written = store.subjects().insert(new StoredSubject(ref, 1, name, labels, status, due, specText,
                    stateText, now, now), commit);
        } else {
            written = store.subjects().compareAndSet(stored.next(name, labels, status, due, specText, stateText, now),
                    commit);
        }
        if (!written) {
            return false;
        }
        if (recentStates != null) {
            recentStates.written(stored == null ? null : stored.state(), stateText, state);
        }
        listeners.transitions(transitions);
        if (due != null) {
            evaluatorWakeup.dueAt(due);
        }
        if (!outbox.isEmpty()) {
            dispatcherWakeup.dueAt(now);
        }
        wake(outcome.wakes(), ref);
        return true;
    }

    /** Runs the woken subjects' {@code onWake}, each in its own write; a chain of wakes stops at a few hops. */
    private void wake(List<SubjectRef> refs, SubjectRef cause) {
        if (refs.isEmpty()) {
            return;
        }
        int depth = WAKE_DEPTH.get();
        if (depth >= MAX_WAKE_DEPTH) {
            LOG.warn("{} wakes {} subjects {} hops down a chain of wakes; not waking them", cause, refs.size(), depth);
            return;
        }
        WAKE_DEPTH.set(depth + 1);
        try {
            for (SubjectRef target : refs) {
                SubjectKind<?, ?> kind = kinds.get(target.kind());
                if (kind != null) {
                    wakeOne(kind, target.key(), cause);
                }
            }
        } finally {
            WAKE_DEPTH.set(depth);
        }
    }

    private <S, T> void wakeOne(SubjectKind<S, T> kind, String key, SubjectRef cause) {
        update(kind, key, (current, now) -> {
            if (current == null) {
                return null;
            }
            Outcome<T> woken = kind.onWake(current.spec(), current.state(), cause, now);
            return woken.state() == current.state() && woken.changes().isEmpty() && woken.wakes().isEmpty() ? null
                    : new Update.Proposal<>(current.spec(), woken, Boolean.TRUE);
        });
    }

    private <S> Transition transition(SubjectKind<S, ?> kind, SubjectRef ref, String name, S spec,
            Map<String, String> subjectLabels, Change c, Instant now, List<OutboxEntry> outbox) {
        // stored with the transition: the subject's and the change's own labels; where to look at the subject (its
        // link) follows from kind and key, so it is added where a transition is matched or delivered, not stored
        Map<String, String> own = subjectLabels;
        if (!c.labels().isEmpty()) {
            own = new HashMap<>(subjectLabels);
            own.putAll(c.labels());
        }
        List<Target> targets = kind.targets(spec);
        NotificationPolicy.Verdict v;
        if (c.quiet() != null) {
            v = NotificationPolicy.Verdict.quiet(c.quiet(), c.quietDetail());
        } else {
            Map<String, String> matched = new HashMap<>(own);
            matched.put(NotificationText.LINK_LABEL, kind.linkPath(ref.key()));
            v = policy.decide(ref, Transition.allLabels(ref, name, c.aspect(), c.type(), c.from(), c.to(),
                    c.severity(), matched), targets, c.type(), now);
        }
        Transition t = new Transition(Ids.newId(), ref, name, c.aspect(), c.type(), c.from(), c.to(), c.severity(),
                now, c.reason(), own, v.decision(), v.detail());
        for (Target target : v.targets()) {
            outbox.add(OutboxEntry.pending(Ids.newId(), target.channel(), target.address(), t));
        }
        return t;
    }
}
