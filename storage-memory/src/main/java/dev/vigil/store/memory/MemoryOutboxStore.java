package dev.vigil.store.memory;

import dev.vigil.spi.Destination;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import dev.vigil.spi.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The notification outbox, all under the store lock: notifications are rare next to pushes, so simplicity wins.
 *
 * <p>A PENDING entry sits in the {@link #ready} index at the time it can next be claimed: its {@code nextAttemptAt},
 * or the end of the claim that holds it. So {@link #claim} reads the head of the index and costs O(returned), and an
 * expired claim needs no clean-up: the entry is simply due again. A claim writes a new token into the entry; every
 * mark compares it, which fences off a holder whose lease ran out and whose entry was claimed by someone else.
 *
 * <p>Delivered entries are kept up to a cap (the oldest deliveries are forgotten first); pending and failed entries
 * are always kept.
 */
final class MemoryOutboxStore implements OutboxStore {

    /** Position in the claim index: claimable from {@code at}; {@code seq} keeps entries written together in order. */
    private record Ready(Instant at, long seq) implements Comparable<Ready> {
        @Override
        public int compareTo(Ready o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private static final class Row {
        final long seq;
        OutboxEntry entry;
        /** Where the row sits in {@link #ready}; null unless PENDING. */
        @Nullable Ready ready;

        Row(long seq, OutboxEntry entry) {
            this.seq = seq;
            this.entry = entry;
        }
    }

    private final Object lock;
    private final int deliveredKept;
    private final Map<String, Row> byId = new HashMap<>();
    /** Every row by write order: newest last. */
    private final TreeMap<Long, Row> bySeq = new TreeMap<>();
    /** PENDING rows by the time they can be claimed. */
    private final TreeMap<Ready, Row> ready = new TreeMap<>();
    /** Ids of DELIVERED rows, oldest delivery first. */
    private final ArrayDeque<String> delivered = new ArrayDeque<>();
    private final Map<OutboxStatus, Long> counts = new EnumMap<>(OutboxStatus.class);
    private long seq;

    MemoryOutboxStore(Object lock, int deliveredKept) {
        this.lock = lock;
        this.deliveredKept = deliveredKept;
        for (OutboxStatus s : OutboxStatus.values()) {
            counts.put(s, 0L);
        }
    }

    /** Writes new entries (a commit's). An id that exists already is left alone. Caller holds the lock. */
    void add(List<OutboxEntry> entries) {
        for (OutboxEntry e : entries) {
            if (byId.containsKey(e.id())) {
                continue;
            }
            Row row = new Row(++seq, unclaimed(e));
            byId.put(e.id(), row);
            bySeq.put(row.seq, row);
            counts.merge(e.status(), 1L, Long::sum);
            if (e.status() == OutboxStatus.PENDING) {
                moveTo(row, e.nextAttemptAt());
            } else if (e.status() == OutboxStatus.DELIVERED) {
                delivered.addLast(e.id());
                forgetOldDeliveries();
            }
        }
    }

    private static OutboxEntry unclaimed(OutboxEntry e) {
        return e.claimToken() == null ? e : new OutboxEntry(e.id(), e.channel(), e.address(), e.transition(),
                e.status(), e.attempts(), e.nextAttemptAt(), e.lastError(), e.createdAt(), e.deliveredAt(), null);
    }

    /** Puts the row in the claim index at {@code at}, or takes it out when {@code at} is null. */
    private void moveTo(Row row, @Nullable Instant at) {
        if (row.ready != null) {
            ready.remove(row.ready);
        }
        row.ready = at == null ? null : new Ready(at, row.seq);
        if (row.ready != null) {
            ready.put(row.ready, row);
        }
    }

    @Override
    public List<OutboxEntry> claim(Instant now, Duration lease, int limit, Set<Destination> skip) {
        synchronized (lock) {
            List<Row> picked = new ArrayList<>();
            for (Map.Entry<Ready, Row> e : ready.entrySet()) {
                if (picked.size() >= limit || e.getKey().at().isAfter(now)) {
                    break;
                }
                if (skip.isEmpty() || !skip.contains(e.getValue().entry.destination())) {
                    picked.add(e.getValue());
                }
            }
            if (picked.isEmpty()) {
                return List.of(); // most ticks: no token to draw
            }
            String token = UUID.randomUUID().toString();
            Instant until = now.plus(lease);
            List<OutboxEntry> out = new ArrayList<>(picked.size());
            for (Row row : picked) {
                row.entry = row.entry.claimedWith(token);
                moveTo(row, until);
                out.add(row.entry);
            }
            return out;
        }
    }

    /** The row if {@code token} holds it: it is PENDING and its last claim carried that token. */
    private @Nullable Row held(String id, String token) {
        Row row = byId.get(id);
        if (row == null || row.entry.status() != OutboxStatus.PENDING || !token.equals(row.entry.claimToken())) {
            return null;
        }
        return row;
    }

    @Override
    public boolean renew(String id, String token, Instant until) {
        synchronized (lock) {
            Row row = held(id, token);
            if (row == null) {
                return false;
            }
            moveTo(row, until);
            return true;
        }
    }

    @Override
    public boolean markDelivered(String id, String token, Instant at) {
        synchronized (lock) {
            Row row = held(id, token);
            if (row == null) {
                return false;
            }
            settle(row, OutboxStatus.DELIVERED, row.entry.nextAttemptAt(), row.entry.lastError(), at);
            delivered.addLast(id);
            forgetOldDeliveries();
            return true;
        }
    }

    @Override
    public boolean reschedule(String id, String token, Instant nextAttemptAt, String error) {
        synchronized (lock) {
            Row row = held(id, token);
            if (row == null) {
                return false;
            }
            settle(row, OutboxStatus.PENDING, nextAttemptAt, error, null);
            return true;
        }
    }

    @Override
    public boolean markFailed(String id, String token, Instant at, String error) {
        synchronized (lock) {
            Row row = held(id, token);
            if (row == null) {
                return false;
            }
            settle(row, OutboxStatus.FAILED, row.entry.nextAttemptAt(), error, null);
            return true;
        }
    }

    /** Records one attempt's outcome and ends the claim; only a PENDING row stays in the claim index. */
    private void settle(Row row, OutboxStatus status, Instant nextAttemptAt, @Nullable String error,
            @Nullable Instant deliveredAt) {
        OutboxEntry e = row.entry;
        replace(row, new OutboxEntry(e.id(), e.channel(), e.address(), e.transition(), status, e.attempts() + 1,
                nextAttemptAt, error, e.createdAt(), deliveredAt, null));
    }

    private void replace(Row row, OutboxEntry next) {
        counts.merge(row.entry.status(), -1L, Long::sum);
        counts.merge(next.status(), 1L, Long::sum);
        row.entry = next;
        moveTo(row, next.status() == OutboxStatus.PENDING ? next.nextAttemptAt() : null);
    }

    private void forgetOldDeliveries() {
        while (delivered.size() > deliveredKept) {
            Row row = byId.remove(delivered.removeFirst());
            bySeq.remove(row.seq);
            counts.merge(OutboxStatus.DELIVERED, -1L, Long::sum);
        }
    }

    @Override
    public boolean requeue(String id, Instant now) {
        synchronized (lock) {
            Row row = byId.get(id);
            if (row == null || row.entry.status() != OutboxStatus.FAILED) {
                return false;
            }
            OutboxEntry e = row.entry;
            replace(row, new OutboxEntry(e.id(), e.channel(), e.address(), e.transition(), OutboxStatus.PENDING,
                    e.attempts(), now, e.lastError(), e.createdAt(), null, null));
            return true;
        }
    }

    @Override
    public Optional<OutboxEntry> find(String id) {
        synchronized (lock) {
            Row row = byId.get(id);
            return row == null ? Optional.empty() : Optional.of(row.entry);
        }
    }

    @Override
    public List<OutboxEntry> list(@Nullable OutboxStatus status, int limit) {
        synchronized (lock) {
            List<OutboxEntry> out = new ArrayList<>(Math.min(limit, 64));
            for (Row row : bySeq.descendingMap().values()) {
                if (out.size() >= limit) {
                    break;
                }
                if (status == null || row.entry.status() == status) {
                    out.add(row.entry);
                }
            }
            return out;
        }
    }

    @Override
    public long count(OutboxStatus status) {
        synchronized (lock) {
            return counts.get(status);
        }
    }

    @Override
    public Optional<Instant> earliestDue() {
        synchronized (lock) {
            return ready.isEmpty() ? Optional.empty() : Optional.of(ready.firstKey().at());
        }
    }
}
