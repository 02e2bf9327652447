package dev.vigil.store.memory;

import dev.vigil.model.DuplicateNameException;
import dev.vigil.model.SubjectRef;
import dev.vigil.spi.Commit;
import dev.vigil.spi.IdempotencyRecord;
import dev.vigil.spi.StoredSubject;
import dev.vigil.spi.SubjectChange;
import dev.vigil.spi.SubjectQuery;
import dev.vigil.spi.SubjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * Subjects of every kind. Each kind's subjects sit in a map sorted by key (for keyset paging) and hold immutable
 * {@link StoredSubject} values, so reads take no lock. Writes hold the store lock: a subject, its name, its place in
 * the deadline index, its transitions, outbox entries, idempotency record and change-feed entry change together.
 *
 * <p>The deadline index orders subjects by their {@code dueAt}; claims are kept beside it, so claiming moves nothing
 * and the write that ends a claim moves the subject once, to its next deadline. {@link #claimDue} reads the head of
 * the index and steps over subjects another caller holds (O(returned + held)), an expired claim needs no clean-up
 * (the subject is simply due again), and {@link #earliestDue} tells the evaluator when there is something to claim,
 * without waking it for subjects another caller holds.
 */
final class MemorySubjectStore implements SubjectStore {

    /** An entry of the deadline index. */
    private record Due(Instant at, SubjectRef ref) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : ref.compareTo(o.ref);
        }
    }

    private final Object lock;
    private final MemoryTransitionLog transitions;
    private final MemoryOutboxStore outbox;
    private final MemoryIdempotencyStore idempotency;
    private final int changesKept;

    /** Kind → key → subject. */
    private final ConcurrentHashMap<String, ConcurrentSkipListMap<String, StoredSubject>> byKind =
            new ConcurrentHashMap<>();
    /** Kind → name → key. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, String>> namesByKind = new ConcurrentHashMap<>();
    /** Subjects with a deadline, by deadline. Under the lock. */
    private final TreeSet<Due> deadlines = new TreeSet<>();
    /** The end of each subject's latest claim, until its next write. Under the lock. */
    private final Map<SubjectRef, Instant> claimedUntil = new HashMap<>();
    /** The change feed by sequence number; the newest {@code changesKept}. */
    private final ConcurrentSkipListMap<Long, SubjectChange> changes = new ConcurrentSkipListMap<>();
    private long lastSeq;

    MemorySubjectStore(Object lock, MemoryTransitionLog transitions, MemoryOutboxStore outbox,
            MemoryIdempotencyStore idempotency, int changesKept) {
        this.lock = lock;
        this.transitions = transitions;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.changesKept = changesKept;
    }

    private ConcurrentSkipListMap<String, StoredSubject> subjectsOf(String kind) {
        return byKind.computeIfAbsent(kind, k -> new ConcurrentSkipListMap<>());
    }

    private ConcurrentHashMap<String, String> namesOf(String kind) {
        return namesByKind.computeIfAbsent(kind, k -> new ConcurrentHashMap<>());
    }

    @Override
    public Optional<StoredSubject> find(SubjectRef ref) {
        Map<String, StoredSubject> subjects = byKind.get(ref.kind());
        return subjects == null ? Optional.empty() : Optional.ofNullable(subjects.get(ref.key()));
    }

    @Override
    public Optional<StoredSubject> findByName(String kind, String name) {
        Map<String, String> names = namesByKind.get(kind);
        String key = names == null ? null : names.get(name);
        if (key == null) {
            return Optional.empty();
        }
        // a rename may have happened between the two reads: answer only with a subject that has the name
        return find(SubjectRef.of(kind, key)).filter(s -> s.name().equals(name));
    }

    @Override
    public boolean insert(StoredSubject subject, Commit commit) {
        if (subject.version() != 1) {
            throw new IllegalArgumentException("a subject is inserted at version 1, got " + subject.version());
        }
        synchronized (lock) {
            ConcurrentSkipListMap<String, StoredSubject> subjects = subjectsOf(subject.kind());
            if (subjects.containsKey(subject.key()) || idempotencyTaken(commit)) {
                return false;
            }
            ConcurrentHashMap<String, String> names = namesOf(subject.kind());
            if (names.containsKey(subject.name())) {
                throw new DuplicateNameException(subject.kind(), subject.name());
            }
            subjects.put(subject.key(), subject);
            names.put(subject.name(), subject.key());
            index(subject.ref(), null, subject.dueAt());
            write(commit);
            recordChange(subject.ref(), subject.version(), false, subject.updatedAt());
            return true;
        }
    }

    @Override
    public boolean compareAndSet(StoredSubject updated, Commit commit) {
        synchronized (lock) {
            ConcurrentSkipListMap<String, StoredSubject> subjects = subjectsOf(updated.kind());
            StoredSubject current = subjects.get(updated.key());
            if (current == null || current.version() != updated.version() - 1 || idempotencyTaken(commit)) {
                return false;
            }
            ConcurrentHashMap<String, String> names = namesOf(updated.kind());
            if (!current.name().equals(updated.name())) {
                String owner = names.get(updated.name());
                if (owner != null && !owner.equals(updated.key())) {
                    throw new DuplicateNameException(updated.kind(), updated.name());
                }
                names.remove(current.name());
                names.put(updated.name(), updated.key());
            }
            subjects.put(updated.key(), updated);
            index(updated.ref(), current.dueAt(), updated.dueAt()); // also ends any claim
            write(commit);
            if (!commit.stateOnly()) {
                recordChange(updated.ref(), updated.version(), false, updated.updatedAt());
            }
            return true;
        }
    }

    @Override
    public boolean delete(SubjectRef ref, Instant at) {
        synchronized (lock) {
            Map<String, StoredSubject> subjects = byKind.get(ref.kind());
            StoredSubject gone = subjects == null ? null : subjects.remove(ref.key());
            if (gone == null) {
                return false;
            }
            namesOf(ref.kind()).remove(gone.name(), ref.key());
            index(ref, gone.dueAt(), null);
            transitions.remove(ref);
            recordChange(ref, gone.version(), true, at);
            return true;
        }
    }

    @Override
    public List<StoredSubject> list(SubjectQuery query) {
        ConcurrentSkipListMap<String, StoredSubject> subjects = byKind.get(query.kind());
        if (subjects == null) {
            return List.of();
        }
        NavigableMap<String, StoredSubject> page = query.afterKey() == null ? subjects
                : subjects.tailMap(query.afterKey(), false);
        List<StoredSubject> out = new ArrayList<>(Math.min(query.limit(), 64));
        for (StoredSubject s : page.values()) {
            if (query.matches(s.labels(), s.status())) {
                out.add(s);
                if (out.size() >= query.limit()) {
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public List<StoredSubject> claimDue(Instant now, Duration lease, int limit) {
        synchronized (lock) {
            Instant until = now.plus(lease);
            List<StoredSubject> out = new ArrayList<>(Math.min(limit, 64));
            for (Due d : deadlines) {
                if (out.size() >= limit || d.at().isAfter(now)) {
                    break;
                }
                Instant held = claimedUntil.get(d.ref());
                if (held == null || !held.isAfter(now)) {
                    claimedUntil.put(d.ref(), until);
                    out.add(byKind.get(d.ref().kind()).get(d.ref().key()));
                }
            }
            return out;
        }
    }

    @Override
    public Optional<Instant> earliestDue() {
        synchronized (lock) {
            // a held subject can be claimed when its claim ends (after its deadline): step over the held ones
            @Nullable Instant earliest = null;
            for (Due d : deadlines) {
                if (earliest != null && !d.at().isBefore(earliest)) {
                    break;
                }
                Instant held = claimedUntil.get(d.ref());
                Instant next = held == null ? d.at() : held;
                earliest = earliest == null || next.isBefore(earliest) ? next : earliest;
                if (held == null) {
                    break;
                }
            }
            return Optional.ofNullable(earliest);
        }
    }

    @Override
    public boolean returnsWrittenObjects() {
        return true;
    }

    @Override
    public List<SubjectChange> changesSince(long afterSeq, int limit) {
        List<SubjectChange> out = new ArrayList<>(Math.min(limit, 64));
        for (SubjectChange c : changes.tailMap(afterSeq, false).values()) {
            if (out.size() >= limit) {
                break;
            }
            out.add(c);
        }
        return out;
    }

    /** Moves a subject in the deadline index from {@code from} to {@code to} (either may be null), ending its claim. */
    private void index(SubjectRef ref, @Nullable Instant from, @Nullable Instant to) {
        claimedUntil.remove(ref);
        if (Objects.equals(from, to)) {
            return;
        }
        if (from != null) {
            deadlines.remove(new Due(from, ref));
        }
        if (to != null) {
            deadlines.add(new Due(to, ref));
        }
    }

    /** True when the commit's idempotency key was recorded already: then the write fails. Caller holds the lock. */
    private boolean idempotencyTaken(Commit commit) {
        IdempotencyRecord r = commit.idempotency();
        return r != null && idempotency.find(r.scope(), r.key()).isPresent();
    }

    /** Writes what a subject write carries (an outbox entry whose id exists is left as it is). Caller holds the lock. */
    private void write(Commit commit) {
        transitions.append(commit.transitions());
        outbox.add(commit.outbox());
        if (commit.idempotency() != null) {
            idempotency.insertLocked(commit.idempotency());
        }
    }

    private void recordChange(SubjectRef ref, long version, boolean deleted, Instant at) {
        long seq = ++lastSeq;
        changes.put(seq, new SubjectChange(seq, ref, version, deleted, at));
        changes.remove(seq - changesKept);
    }
}
