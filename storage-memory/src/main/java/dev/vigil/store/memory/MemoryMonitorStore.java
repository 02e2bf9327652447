package dev.vigil.store.memory;

import dev.vigil.monitor.DuplicateMonitorNameException;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.notify.SubjectKind;
import dev.vigil.notify.Transition;
import dev.vigil.spi.MonitorState;
import dev.vigil.spi.MonitorStore;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.StoredMonitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Monitors in a map of slots, each holding an immutable cell. The deadline index holds, per monitor, an entry no
 * later than its real {@code nextDueAt} (the cell's {@code indexedAt}); entries are corrected when reached, so a
 * push that only postpones a deadline does no index work at all.
 */
final class MemoryMonitorStore implements MonitorStore {

    /** The monitor and the time its live index entry is at (null: not indexed). */
    private record Cell(StoredMonitor monitor, @Nullable Instant indexedAt) {
    }

    /**
     * One monitor. Writers synchronize on the slot so the state change and the appends to history and outbox happen
     * together and in version order; readers only read the volatile cell. Writers to different monitors never
     * contend.
     */
    private static final class Slot {
        volatile Cell cell;

        Slot(Cell cell) {
            this.cell = cell;
        }
    }

    private final ConcurrentHashMap<Long, Slot> slots = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> names = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Due> index = new ConcurrentSkipListSet<>();
    private final AtomicLong ids = new AtomicLong();
    private final MemoryTransitionLog transitions;
    private final MemoryOutboxStore outbox;

    MemoryMonitorStore(MemoryTransitionLog transitions, MemoryOutboxStore outbox) {
        this.transitions = transitions;
        this.outbox = outbox;
    }

    @Override
    public StoredMonitor insert(PushMonitorSpec spec, String secretHash, MonitorState state, Instant createdAt) {
        long id = ids.incrementAndGet();
        if (names.putIfAbsent(spec.name(), id) != null) {
            throw new DuplicateMonitorNameException(spec.name());
        }
        StoredMonitor m = new StoredMonitor(id, 1, spec, secretHash, state, createdAt);
        Instant due = state.nextDueAt();
        slots.put(id, new Slot(new Cell(m, due)));
        if (due != null) {
            index.add(new Due(due, id, ""));
        }
        return m;
    }

    @Override
    public Optional<StoredMonitor> find(long id) {
        Slot s = slots.get(id);
        return s == null ? Optional.empty() : Optional.of(s.cell.monitor());
    }

    @Override
    public Optional<StoredMonitor> findByName(String name) {
        Long id = names.get(name);
        return id == null ? Optional.empty() : find(id);
    }

    @Override
    public List<StoredMonitor> list() {
        List<StoredMonitor> out = new ArrayList<>(slots.size());
        for (Slot s : slots.values()) {
            out.add(s.cell.monitor());
        }
        out.sort(Comparator.comparingLong(StoredMonitor::id));
        return out;
    }

    @Override
    public boolean compareAndSet(StoredMonitor updated, List<Transition> newTransitions, List<OutboxEntry> newOutbox) {
        Slot slot = slots.get(updated.id());
        if (slot == null) {
            return false;
        }
        synchronized (slot) {
            Cell cell = slot.cell;
            StoredMonitor current = cell.monitor();
            if (current.version() != updated.version() - 1 || slots.get(updated.id()) != slot) {
                return false;
            }
            String oldName = current.spec().name();
            String newName = updated.spec().name();
            if (!oldName.equals(newName)) {
                Long holder = names.putIfAbsent(newName, updated.id());
                if (holder != null && holder != updated.id()) {
                    throw new DuplicateMonitorNameException(newName);
                }
                names.remove(oldName, updated.id());
            }
            Instant due = updated.state().nextDueAt();
            Instant indexedAt = cell.indexedAt();
            boolean reindex = due != null && (indexedAt == null || due.isBefore(indexedAt));
            slot.cell = new Cell(updated, reindex ? due : indexedAt);
            if (reindex) {
                index.add(new Due(due, updated.id(), ""));
            }
            if (!newTransitions.isEmpty()) {
                transitions.append(newTransitions);
            }
            if (!newOutbox.isEmpty()) {
                outbox.add(newOutbox);
            }
            return true;
        }
    }

    @Override
    public boolean delete(long id) {
        Slot s = slots.get(id);
        if (s == null) {
            return false;
        }
        synchronized (s) {
            if (!slots.remove(id, s)) {
                return false;
            }
            names.remove(s.cell.monitor().spec().name(), id);
            transitions.forget(SubjectKind.PUSH_MONITOR, id);
            return true;
        }
    }

    @Override
    public List<StoredMonitor> claimDue(Instant now, Duration lease, int limit) {
        List<StoredMonitor> claimed = new ArrayList<>(Math.min(limit, 64));
        Instant leaseUntil = now.plus(lease);
        while (claimed.size() < limit) {
            Due first = firstOrNull();
            if (first == null || first.at().isAfter(now)) {
                break;
            }
            if (!index.remove(first)) {
                continue; // another claimer took it
            }
            Slot slot = slots.get(first.seq());
            if (slot == null) {
                continue; // deleted
            }
            StoredMonitor m = claim(slot, first.at(), now, leaseUntil);
            if (m != null) {
                claimed.add(m);
            }
        }
        return claimed;
    }

    /** Corrects one reached index entry; returns the monitor if it is really due, leasing it. */
    private @Nullable StoredMonitor claim(Slot slot, Instant entryAt, Instant now, Instant leaseUntil) {
        synchronized (slot) {
            Cell cell = slot.cell;
            if (cell.indexedAt() == null || !cell.indexedAt().equals(entryAt)) {
                return null; // stale entry: the live one is elsewhere
            }
            StoredMonitor m = cell.monitor();
            Instant due = m.state().nextDueAt();
            boolean isDue = due != null && !due.isAfter(now);
            Instant nextIndex = due == null ? null : isDue ? leaseUntil : due;
            slot.cell = new Cell(m, nextIndex);
            if (nextIndex != null) {
                index.add(new Due(nextIndex, m.id(), ""));
            }
            return isDue ? m : null;
        }
    }

    private @Nullable Due firstOrNull() {
        try {
            return index.first();
        } catch (NoSuchElementException e) {
            return null;
        }
    }

    @Override
    public Optional<Instant> earliestDue() {
        Due first = firstOrNull();
        return first == null ? Optional.empty() : Optional.of(first.at());
    }
}
