package dev.vigil.store.memory;

import dev.vigil.spi.IdempotencyRecord;
import dev.vigil.spi.IdempotencyStore;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Idempotency records by scope and key. Writes hold the store lock, so a subject write's commit can add one. */
final class MemoryIdempotencyStore implements IdempotencyStore {
    private record Id(String scope, String key) {
    }

    private final Object lock;
    private final ConcurrentHashMap<Id, IdempotencyRecord> records = new ConcurrentHashMap<>();

    MemoryIdempotencyStore(Object lock) {
        this.lock = lock;
    }

    @Override
    public Optional<IdempotencyRecord> find(String scope, String key) {
        return Optional.ofNullable(records.get(new Id(scope, key)));
    }

    @Override
    public boolean insert(IdempotencyRecord record) {
        synchronized (lock) {
            return insertLocked(record);
        }
    }

    /** {@link #insert} for a caller that holds the lock. */
    boolean insertLocked(IdempotencyRecord record) {
        return records.putIfAbsent(new Id(record.scope(), record.key()), record) == null;
    }

    @Override
    public boolean complete(IdempotencyRecord answered) {
        synchronized (lock) {
            Id id = new Id(answered.scope(), answered.key());
            IdempotencyRecord current = records.get(id);
            if (current == null || !current.isPending()) {
                return false;
            }
            records.put(id, current.answered(answered.status(), answered.response()));
            return true;
        }
    }

    @Override
    public int prune(Instant before) {
        synchronized (lock) {
            int before0 = records.size();
            records.values().removeIf(r -> r.at().isBefore(before));
            return before0 - records.size();
        }
    }
}
