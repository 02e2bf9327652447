package dev.vigil.spi;

import java.time.Instant;
import java.util.Optional;

/** Idempotency records, written in a subject write's {@link Commit} or on their own. */
public interface IdempotencyStore {

    Optional<IdempotencyRecord> find(String scope, String key);

    /** Stores the record unless one with its scope and key exists; returns false then. */
    boolean insert(IdempotencyRecord record);

    /**
     * Gives a {@link IdempotencyRecord#PENDING pending} record with the answer's scope and key the answer's status and
     * response; false when there is no such pending record.
     */
    boolean complete(IdempotencyRecord answered);

    /** Deletes records older than {@code before}; returns how many. */
    int prune(Instant before);
}
