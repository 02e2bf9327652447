package dev.vigil.notify;

import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The notifications Vigil has queued, delivered or given up on, and a way to retry the failed ones; obtained from
 * {@link dev.vigil.Vigil#notifications()}. Reading and retrying only: delivery itself is Vigil's.
 */
public interface Notifications {
    /** Most entries {@link #list} returns at once. */
    int MAX_LIMIT = 10_000;

    /**
     * Entries with the status (all when null), newest first.
     *
     * @param limit 1 to {@link #MAX_LIMIT}
     * @throws IllegalArgumentException if the limit is out of range
     */
    List<OutboxEntry> list(@Nullable OutboxStatus status, int limit);

    /** One entry by id; empty for an unknown (or over-long) id. */
    Optional<OutboxEntry> find(String id);

    /**
     * Puts a FAILED entry back in the queue, due now, and wakes delivery. False when there is no such entry or it is
     * not FAILED.
     */
    boolean retry(String id);

    /** How many entries have the status. */
    long count(OutboxStatus status);
}
