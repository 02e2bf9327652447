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
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * Subjects of every kind. Each kind's subjects sit in a map sorted by key (for keyset paging), each in a {@link Slot}
 * holding the immutable {@link StoredSubject}, so reads take no lock. Writes hold the store lock: a subject, its
 * name, its place in the deadline index, its transitions, outbox entries, idempotency record and change-feed entry
 * change together.
 *
 * <p>The deadline index orders subjects by deadline, lazily: a subject sits there at or before its {@code dueAt}. A
 * write that moves the deadline later (every push, every report) leaves the subject where it is; when its old place
 * comes due, {@link #claimDue} or {@link #earliestDue} finds the deadline later than its place and moves it then,
 * once. So the index changes about once per period per subject, not twice per write. Claims are kept beside the
 * index: {@link #claimDue} reads its head and steps over subjects another caller holds (O(returned + held + moved)),
 * an expired claim needs no clean-up (the subject is simply due again), and {@link #earliestDue} tells the evaluator
 * when there is something to claim, without waking it for subjects another caller holds.
 */
final class MemorySubjectStore implements SubjectStore {

    /**
     * A subject and, under the lock, its place in the deadline index and its claim. The index is sorted by
     * {@link #indexedAt}, which therefore changes only while the slot is out of the index.
     */
    private static final class Slot implements Comparable<Slot> {
        final SubjectRef ref;
        volatile StoredSubject subject;
        /** Its place in the deadline index, at or before {@code subject.dueAt()}; null when not in the index. */
        @Nullable Instant indexedAt;
        /** The end of its latest claim, until its next write. */
        @Nullable Instant claimedUntil;

        Slot(StoredSubject subject) {
            this.ref = subject.ref();
            this.subject = subject;
        }

        @Override
        public int compareTo(Slot o) {
            int c = indexedAt.compareTo(o.indexedAt);
            return c != 0 ? c : ref.compareTo(o.ref);
        }
    }

    private final Object lock;
    private final MemoryTransitionLog transitions;
    private final MemoryOutboxStore outbox;
    private final MemoryIdempotencyStore idempotency;
    private final int changesKept;

    /** Kind → key → subject. */
    private final ConcurrentHashMap<String, ConcurrentSkipListMap<String, Slot>> byKind =
            new ConcurrentHashMap<>();
    /** Kind → name → key. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, String>> namesByKind = new ConcurrentHashMap<>();
    /** Subjects with a deadline, by their place at or before it (and some without one any more). Under the lock. */
    private final TreeSet<Slot> deadlines = new TreeSet<>();
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

    private ConcurrentSkipListMap<String, Slot> subjectsOf(String kind) {
        return byKind.computeIfAbsent(kind, k -> new ConcurrentSkipListMap<>());
    }

    private ConcurrentHashMap<String, String> namesOf(String kind) {
        return namesByKind.computeIfAbsent(kind, k -> new ConcurrentHashMap<>());
    }

    @Override
    public Optional<StoredSubject> find(SubjectRef ref) {
        Map<String, Slot> subjects = byKind.get(ref.kind());
        Slot slot = subjects == null ? null : subjects.get(ref.key());
        return slot == null ? Optional.empty() : Optional.of(slot.subject);
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
            ConcurrentSkipListMap<String, Slot> subjects = subjectsOf(subject.kind());
            if (subjects.containsKey(subject.key()) || idempotencyTaken(commit)) {
                return false;
            }
            ConcurrentHashMap<String, String> names = namesOf(subject.kind());
            if (names.containsKey(subject.name())) {
                throw new DuplicateNameException(subject.kind(), subject.name());
            }
            Slot slot = new Slot(subject);
            subjects.put(subject.key(), slot);
            names.put(subject.name(), subject.key());
            index(slot, subject.dueAt());
            write(commit);
            recordChange(subject.ref(), subject.version(), false, subject.updatedAt());
            return true;
        }
    }

    @Override
    public boolean compareAndSet(StoredSubject updated, Commit commit) {
        synchronized (lock) {
            Slot slot = subjectsOf(updated.kind()).get(updated.key());
            StoredSubject current = slot == null ? null : slot.subject;
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
            slot.subject = updated;
            slot.claimedUntil = null;
            index(slot, updated.dueAt());
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
            Map<String, Slot> subjects = byKind.get(ref.kind());
            Slot slot = subjects == null ? null : subjects.remove(ref.key());
            if (slot == null) {
                return false;
            }
            StoredSubject gone = slot.subject;
            namesOf(ref.kind()).remove(gone.name(), ref.key());
            unindex(slot);
            transitions.remove(ref);
            recordChange(ref, gone.version(), true, at);
            return true;
        }
    }

    @Override
    public List<StoredSubject> list(SubjectQuery query) {
        ConcurrentSkipListMap<String, Slot> subjects = byKind.get(query.kind());
        if (subjects == null) {
            return List.of();
        }
        NavigableMap<String, Slot> page = query.afterKey() == null ? subjects
                : subjects.tailMap(query.afterKey(), false);
        List<StoredSubject> out = new ArrayList<>(Math.min(query.limit(), 64));
        for (Slot slot : page.values()) {
            StoredSubject s = slot.subject;
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
            List<Slot> moved = null;
            for (Slot slot : deadlines) {
                if (out.size() >= limit || slot.indexedAt.isAfter(now)) {
                    break;
                }
                Instant due = slot.subject.dueAt();
                if (due == null || due.isAfter(now)) { // written since it was placed: moved after this walk
                    moved = moved == null ? new ArrayList<>() : moved;
                    moved.add(slot);
                } else if (slot.claimedUntil == null || !slot.claimedUntil.isAfter(now)) {
                    slot.claimedUntil = until;
                    out.add(slot.subject);
                }
            }
            if (moved != null) {
                moved.forEach(this::reindex);
            }
            return out;
        }
    }

    @Override
    public Optional<Instant> earliestDue() {
        synchronized (lock) {
            while (true) {
                // a held subject can be claimed when its claim ends (after its deadline): step over the held ones
                @Nullable Instant earliest = null;
                @Nullable Slot early = null;
                for (Slot slot : deadlines) {
                    if (earliest != null && !slot.indexedAt.isBefore(earliest)) {
                        break;
                    }
                    if (!slot.indexedAt.equals(slot.subject.dueAt())) { // placed early: move it, then look again
                        early = slot;
                        break;
                    }
                    Instant next = slot.claimedUntil == null ? slot.indexedAt : slot.claimedUntil;
                    earliest = earliest == null || next.isBefore(earliest) ? next : earliest;
                    if (slot.claimedUntil == null) {
                        break;
                    }
                }
                if (early == null) {
                    return Optional.ofNullable(earliest);
                }
                reindex(early);
            }
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

    /**
     * Places a written subject in the deadline index: a deadline at or after its place leaves it there (it moves when
     * the place comes due), an earlier one moves it now.
     */
    private void index(Slot slot, @Nullable Instant due) {
        if (due == null || (slot.indexedAt != null && !due.isBefore(slot.indexedAt))) {
            return;
        }
        unindex(slot);
        slot.indexedAt = due;
        deadlines.add(slot);
    }

    /** Moves a slot placed early to its deadline, or out of the index when it has none. */
    private void reindex(Slot slot) {
        unindex(slot);
        index(slot, slot.subject.dueAt());
    }

    private void unindex(Slot slot) {
        if (slot.indexedAt != null) {
            deadlines.remove(slot);
            slot.indexedAt = null;
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
