package dev.vigil.store.memory;

import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.notify.SubjectKind;
import dev.vigil.model.Transition;
import dev.vigil.spi.MonitorState;
import dev.vigil.spi.MonitorStore;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.StoredMonitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Push monitors in compact mutable records ({@link Rec}, about 150 bytes each), materialized as
 * {@link StoredMonitor} on read.
 *
 * <ul>
 *   <li><b>Writes</b> lock the record, check its version (compare-and-set), apply the new values, and append
 *       the transitions (kept on the record) and outbox entries in the same locked step, in version order.
 *       Writers to different monitors never contend.</li>
 *   <li><b>Reads</b> first try the hot set: the {@link StoredMonitor} most recently written or read for an id
 *       (direct-mapped by id, {@value #HOT_SIZE} entries); it is current if its version is the record's. That
 *       is lock-free and allocates nothing, and is what makes a push (read, then write) cheap. Otherwise the
 *       record is materialized under its lock.</li>
 *   <li><b>Deadline index</b> (lazy, as before): it holds, per monitor, a key no later than the real
 *       {@code nextDueAt}. A write moves the key only when the deadline becomes earlier, so a push that only
 *       postpones it does no index work; keys are corrected when reached. See {@link DeadlineHeap}.</li>
 * </ul>
 */
final class MemoryMonitorStore implements MonitorStore {
    /** Hot-set entries; a power of two. */
    static final int HOT_SIZE = 4096;

    private final Directory<Rec> records = new Directory<>();
    private final NameIndex names = new NameIndex();
    private final DeadlineHeap index = new DeadlineHeap();
    private final Shape.Shapes shapes = new Shape.Shapes();
    private final StoredMonitor[] hot = new StoredMonitor[HOT_SIZE];
    private final AtomicLong ids = new AtomicLong();
    private final MemoryTransitionLog otherTransitions;
    private final MemoryOutboxStore outbox;
    private final int historyCap;

    MemoryMonitorStore(MemoryTransitionLog otherTransitions, MemoryOutboxStore outbox, int historyCap) {
        this.otherTransitions = otherTransitions;
        this.outbox = outbox;
        this.historyCap = historyCap;
    }

    @Override
    public StoredMonitor insert(PushMonitorSpec spec, String secretHash, MonitorState state, Instant createdAt) {
        long id = ids.incrementAndGet();
        StoredMonitor m = new StoredMonitor(id, 1, spec, secretHash, state, createdAt);
        Rec r = new Rec(id);
        synchronized (r) {
            names.add(r, spec.name()); // throws if the name is taken; the id stays unused
            store(r, m, null);
            r.publishVersion(1);
            records.put(id, r);
            hot[slot(id)] = m;
            Instant due = state.nextDueAt();
            if (due != null) {
                index.put(r, Compact.key(due));
            }
        }
        return m;
    }

    @Override
    public Optional<StoredMonitor> find(long id) {
        Rec r = records.get(id);
        return r == null ? Optional.empty() : Optional.of(read(r));
    }

    @Override
    public Optional<StoredMonitor> findByName(String name) {
        Rec r = names.get(name);
        if (r == null) {
            return Optional.empty();
        }
        synchronized (r) {
            return r.deleted ? Optional.empty() : Optional.of(read(r));
        }
    }

    @Override
    public List<StoredMonitor> list() {
        List<StoredMonitor> out = new ArrayList<>();
        records.forEach(r -> out.add(read(r)));
        return out;
    }

    @Override
    public boolean compareAndSet(StoredMonitor updated, List<Transition> newTransitions, List<OutboxEntry> newOutbox) {
        Rec r = records.get(updated.id());
        if (r == null) {
            return false;
        }
        synchronized (r) {
            if (r.deleted || r.version != updated.version() - 1) {
                return false;
            }
            String newName = updated.spec().name();
            if (!r.name.equals(newName)) {
                names.rename(r, newName); // throws if another monitor has it, before anything is written
            }
            store(r, updated, current(r));
            r.publishVersion(updated.version());
            hot[slot(r.id)] = updated;
            Instant due = updated.state().nextDueAt();
            if (due != null) {
                long key = Compact.key(due);
                if (!r.indexed || key < r.indexKey) {
                    index.put(r, key);
                }
            }
            if (!newTransitions.isEmpty()) {
                for (Transition t : newTransitions) {
                    if (t.kind() == SubjectKind.PUSH_MONITOR && t.subjectId() == r.id) {
                        r.history = History.append(r.history, t, historyCap);
                    } else {
                        otherTransitions.append(List.of(t));
                    }
                }
            }
            if (!newOutbox.isEmpty()) {
                outbox.add(newOutbox);
            }
            return true;
        }
    }

    @Override
    public boolean delete(long id) {
        Rec r = records.get(id);
        if (r == null) {
            return false;
        }
        synchronized (r) {
            if (r.deleted) {
                return false;
            }
            r.deleted = true;
            records.remove(id);
            names.remove(r);
            index.remove(r);
            Shape shape = r.shape();
            if (shape != null) {
                shapes.release(shape); // the record keeps its reference: a reader that found it a moment ago
            }                          // still materializes its last state, as from any other store
            r.history = null;
            otherTransitions.forget(SubjectKind.PUSH_MONITOR, id);
            return true;
        }
    }

    @Override
    public List<StoredMonitor> claimDue(Instant now, Duration lease, int limit) {
        List<StoredMonitor> claimed = new ArrayList<>(Math.min(limit, 64));
        long nowKey = Compact.key(now);
        long leaseKey = Compact.key(now.plus(lease));
        while (claimed.size() < limit) {
            Rec first = index.firstAtOrBefore(nowKey);
            if (first == null) {
                break;
            }
            StoredMonitor m = claim(first, nowKey, leaseKey);
            if (m != null) {
                claimed.add(m);
            }
        }
        return claimed;
    }

    /** Corrects one reached index key; returns the monitor if it is really due, leasing it. */
    private @Nullable StoredMonitor claim(Rec r, long nowKey, long leaseKey) {
        synchronized (r) {
            if (!r.indexed || r.indexKey > nowKey) {
                return null; // deleted, or another claimer or a write moved it
            }
            long due = dueKey(r);
            boolean isDue = due != Long.MIN_VALUE && due <= nowKey;
            if (due == Long.MIN_VALUE) {
                index.remove(r);
            } else {
                index.put(r, isDue ? leaseKey : due);
            }
            return isDue ? read(r) : null;
        }
    }

    /** The record's {@code nextDueAt} as an index key, {@code Long.MIN_VALUE} for none. Under the lock. */
    private static long dueKey(Rec r) {
        StoredMonitor full = r.full();
        if (full != null) {
            Instant due = full.state().nextDueAt();
            return due == null ? Long.MIN_VALUE : Math.max(Compact.key(due), Long.MIN_VALUE + 1);
        }
        return r.nextDueAt == Compact.NONE ? Long.MIN_VALUE
                : Math.max(Compact.keyOfMillis(r.nextDueAt), Long.MIN_VALUE + 1);
    }

    @Override
    public Optional<Instant> earliestDue() {
        OptionalLong key = index.firstKey();
        return key.isEmpty() ? Optional.empty() : Optional.of(Compact.instantOfKey(key.getAsLong()));
    }

    /** A push monitor's transitions, newest first. */
    List<Transition> recent(long id, int limit) {
        Rec r = records.get(id);
        if (r == null) {
            return new ArrayList<>(0);
        }
        synchronized (r) {
            return History.recent(r.history, r.id, limit);
        }
    }

    /** For tests: how many distinct shapes are held. */
    int shapeCount() {
        return shapes.size();
    }

    /** For tests: forgets the hot set, so the next reads materialize from the records. */
    void clearHotSet() {
        java.util.Arrays.fill(hot, null);
    }

    private static int slot(long id) {
        return (int) id & (HOT_SIZE - 1);
    }

    /** The hot-set entry for {@code r} if it is the current version, else null. Lock-free. */
    private @Nullable StoredMonitor current(Rec r) {
        long v = r.versionAcquire();
        StoredMonitor h = hot[slot(r.id)];
        return h != null && h.id() == r.id && h.version() == v ? h : null;
    }

    private StoredMonitor read(Rec r) {
        StoredMonitor h = current(r);
        if (h != null) {
            return h;
        }
        synchronized (r) {
            StoredMonitor full = r.full();
            StoredMonitor m = full != null ? full : materialize(r);
            hot[slot(r.id)] = m;
            return m;
        }
    }

    private static StoredMonitor materialize(Rec r) {
        Shape shape = r.shape();
        if (shape == null) {
            throw new IllegalStateException("monitor " + r.id + " has neither a shape nor a full record");
        }
        Rec.Extras x = r.extras;
        MonitorState s = new MonitorState(r.status(), Compact.instant(r.statusSince), Compact.instant(r.lastPushAt),
                Compact.instant(r.expectedBy), Compact.instant(r.nextDueAt),
                x == null ? null : Compact.instant(x.runningSince), r.consecutiveFailures, r.consecutiveSuccesses,
                r.pushCount, x == null ? null : x.lastPushStatus, x == null ? null : x.lastPushMessage,
                x == null ? 0 : x.remindersSent);
        return new StoredMonitor(r.id, r.version, shape.spec(r.name), Compact.hash(r.h0, r.h1, r.h2, r.h3), s,
                Compact.instant(r.createdAt));
    }

    /**
     * Writes {@code m} into {@code r} (under its lock). {@code current} is the record's current version as an
     * object, if at hand: a spec or secret hash that is the very same object is known unchanged.
     */
    private void store(Rec r, StoredMonitor m, @Nullable StoredMonitor current) {
        MonitorState s = m.state();
        boolean wasCompact = r.form instanceof Shape;
        // A field that is the very object the current version has is unchanged: no need to convert it again.
        MonitorState c = wasCompact && current != null ? current.state() : null;
        long createdAt = c != null && m.createdAt() == current.createdAt() ? r.createdAt
                : Compact.millis(m.createdAt());
        long statusSince = c != null && s.statusSince() == c.statusSince() ? r.statusSince
                : Compact.millis(s.statusSince());
        long lastPushAt = Compact.millis(s.lastPushAt());
        long expectedBy = Compact.millis(s.expectedBy());
        long nextDueAt = Compact.millis(s.nextDueAt());
        long runningSince = Compact.millis(s.runningSince());
        boolean sameHash = wasCompact && current != null && current.secretHash() == m.secretHash();
        long[] hash = sameHash ? null : Compact.parseHash(m.secretHash());
        boolean exact = (sameHash || hash != null) && createdAt != Compact.INEXACT && statusSince != Compact.INEXACT
                && lastPushAt != Compact.INEXACT && expectedBy != Compact.INEXACT && nextDueAt != Compact.INEXACT
                && runningSince != Compact.INEXACT;
        if (!exact) {
            if (wasCompact) {
                shapes.release((Shape) r.form);
            }
            r.form = m;
            r.extras = null;
            return;
        }
        if (!wasCompact || current == null || current.spec() != m.spec()) {
            Shape shape = new Shape(m.spec());
            if (!shape.equals(r.form)) {
                Shape canonical = shapes.acquire(shape);
                if (wasCompact) {
                    shapes.release((Shape) r.form);
                }
                r.form = canonical;
            }
        }
        if (hash != null) {
            r.h0 = hash[0];
            r.h1 = hash[1];
            r.h2 = hash[2];
            r.h3 = hash[3];
        }
        r.createdAt = createdAt;
        r.status = Rec.status(s.status());
        r.statusSince = statusSince;
        r.lastPushAt = lastPushAt;
        r.expectedBy = expectedBy;
        r.nextDueAt = nextDueAt;
        r.consecutiveFailures = s.consecutiveFailures();
        r.consecutiveSuccesses = s.consecutiveSuccesses();
        r.pushCount = s.pushCount();
        Rec.Extras extras = Rec.Extras.of(r.extras, runningSince, s.lastPushStatus(), s.lastPushMessage(),
                s.remindersSent());
        if (extras != r.extras) {
            r.extras = extras;
        }
    }
}
