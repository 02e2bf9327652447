package dev.vigil.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The notification outbox. Entries are written by {@link MonitorStore#compareAndSet} (and later areas). */
public interface OutboxStore {

    /**
     * Up to {@code limit} PENDING entries due at {@code now} and not claimed by anyone within the last
     * {@code lease}, oldest first; they stay claimed until marked or the lease runs out.
     */
    List<OutboxEntry> claim(Instant now, Duration lease, int limit);

    /** The entry was delivered. Like every mark, it counts one attempt. */
    void markDelivered(String id, Instant at);

    /** Delivery failed; try again at {@code nextAttemptAt}. */
    void reschedule(String id, Instant nextAttemptAt, String error);

    /** Delivery failed for good; the entry is kept as FAILED (dead letter). */
    void markFailed(String id, Instant at, String error);

    /** Puts a FAILED entry back to PENDING, due at {@code now}. Returns false if it is not FAILED. */
    boolean requeue(String id, Instant now);

    Optional<OutboxEntry> find(String id);

    /** Entries with the status (or all when null), newest first, at most {@code limit}. */
    List<OutboxEntry> list(@Nullable OutboxStatus status, int limit);

    /** The earliest time a PENDING entry becomes due (may be early, never late), for sleeping. */
    Optional<Instant> earliestDue();
}
