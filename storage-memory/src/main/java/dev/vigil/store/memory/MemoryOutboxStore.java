package dev.vigil.store.memory;

import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import dev.vigil.spi.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The outbox under one lock: notifications are rare next to pushes, so simplicity wins here. Delivered entries are
 * kept up to a cap (the oldest delivered ones are forgotten first) so a long-running process does not grow without
 * bound; pending and failed entries are always kept.
 */
final class MemoryOutboxStore implements OutboxStore {

    private static final class Row {
        OutboxEntry entry;
        final long seq;
        @Nullable Due indexed;

        Row(OutboxEntry entry, long seq) {
            this.entry = entry;
            this.seq = seq;
        }
    }

    /** In insertion order. */
    private final LinkedHashMap<String, Row> rows = new LinkedHashMap<>();
    /** Ids of delivered entries, oldest delivery first. */
    private final ArrayDeque<String> delivered = new ArrayDeque<>();
    private final TreeSet<Due> due = new TreeSet<>();
    private final int deliveredKept;
    private long seq;

    MemoryOutboxStore(int deliveredKept) {
        this.deliveredKept = deliveredKept;
    }

    synchronized void add(List<OutboxEntry> entries) {
        for (OutboxEntry e : entries) {
            Row r = new Row(e, ++seq);
            rows.put(e.id(), r);
            index(r, e.nextAttemptAt());
        }
    }

    private void index(Row r, @Nullable Instant at) {
        if (r.indexed != null) {
            due.remove(r.indexed);
            r.indexed = null;
        }
        if (at != null) {
            r.indexed = new Due(at, r.seq, r.entry.id());
            due.add(r.indexed);
        }
    }

    @Override
    public synchronized List<OutboxEntry> claim(Instant now, Duration lease, int limit) {
        List<Row> picked = new ArrayList<>();
        for (Due d : due) {
            if (picked.size() >= limit || d.at().isAfter(now)) {
                break;
            }
            picked.add(rows.get(d.key()));
        }
        Instant leaseUntil = now.plus(lease);
        List<OutboxEntry> out = new ArrayList<>(picked.size());
        for (Row r : picked) {
            out.add(r.entry);
            index(r, leaseUntil);
        }
        return out;
    }

    private Row row(String id) {
        Row r = rows.get(id);
        if (r == null) {
            throw new IllegalArgumentException("no outbox entry " + id);
        }
        return r;
    }

    @Override
    public synchronized void markDelivered(String id, Instant at) {
        settle(id, OutboxStatus.DELIVERED, null, null, at);
        delivered.addLast(id);
        while (delivered.size() > deliveredKept) {
            rows.remove(delivered.pollFirst());
        }
    }

    @Override
    public synchronized void reschedule(String id, Instant nextAttemptAt, String error) {
        settle(id, OutboxStatus.PENDING, nextAttemptAt, error, null);
    }

    @Override
    public synchronized void markFailed(String id, Instant at, String error) {
        settle(id, OutboxStatus.FAILED, null, error, null);
    }

    /** Records one attempt's outcome; only PENDING entries stay in the due index. */
    private void settle(String id, OutboxStatus status, @Nullable Instant nextAttemptAt, @Nullable String error,
            @Nullable Instant deliveredAt) {
        Row r = row(id);
        OutboxEntry e = r.entry;
        r.entry = new OutboxEntry(e.id(), e.channel(), e.transition(), status, e.attempts() + 1,
                nextAttemptAt == null ? e.nextAttemptAt() : nextAttemptAt, error == null ? e.lastError() : error,
                e.createdAt(), deliveredAt);
        index(r, nextAttemptAt);
    }

    @Override
    public synchronized boolean requeue(String id, Instant now) {
        Row r = rows.get(id);
        if (r == null || r.entry.status() != OutboxStatus.FAILED) {
            return false;
        }
        OutboxEntry e = r.entry;
        r.entry = new OutboxEntry(e.id(), e.channel(), e.transition(), OutboxStatus.PENDING, e.attempts(), now,
                e.lastError(), e.createdAt(), null);
        index(r, now);
        return true;
    }

    @Override
    public synchronized Optional<OutboxEntry> find(String id) {
        Row r = rows.get(id);
        return r == null ? Optional.empty() : Optional.of(r.entry);
    }

    @Override
    public synchronized List<OutboxEntry> list(@Nullable OutboxStatus status, int limit) {
        ArrayDeque<OutboxEntry> newest = new ArrayDeque<>(Math.min(limit, 64));
        for (Row r : rows.values()) { // oldest first: keep the last `limit` that match
            if (status == null || r.entry.status() == status) {
                newest.addFirst(r.entry);
                if (newest.size() > limit) {
                    newest.removeLast();
                }
            }
        }
        return new ArrayList<>(newest);
    }

    @Override
    public synchronized Optional<Instant> earliestDue() {
        return due.isEmpty() ? Optional.empty() : Optional.of(due.first().at());
    }
}
