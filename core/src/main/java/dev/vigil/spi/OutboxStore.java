package dev.vigil.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The notification outbox. Entries are written by a subject write's {@link Commit}. Claims carry a token; every
 * mark is fenced by it, so a late mark from an instance whose claim ran out (and was taken over) changes nothing.
 */
public interface OutboxStore {

    /**
     * Up to {@code limit} PENDING entries due at {@code now} and not held by a live claim, oldest first, claimed
     * until {@code now + lease} with one new token (set on every returned entry). Entries whose
     * {@link OutboxEntry#destination() destination} is in {@code skip} are left alone: the dispatcher passes the
     * destinations that already have as many deliveries under way as it allows, so that a slow endpoint's backlog
     * does not fill the claim.
     */
    List<OutboxEntry> claim(Instant now, Duration lease, int limit, Set<Destination> skip);

    /** {@link #claim(Instant, Duration, int, Set)} skipping nothing. */
    default List<OutboxEntry> claim(Instant now, Duration lease, int limit) {
        return claim(now, lease, limit, Set.of());
    }

    /** Extends a live claim to {@code until}. False when the token no longer holds the entry. */
    boolean renew(String id, String token, Instant until);

    /** The entry was delivered (at {@code at}, when the receiver answered). Counts one attempt. */
    boolean markDelivered(String id, String token, Instant at);

    /** Delivery failed; try again at {@code nextAttemptAt}. Counts one attempt and ends the claim. */
    boolean reschedule(String id, String token, Instant nextAttemptAt, String error);

    /** Delivery failed for good; the entry is kept as FAILED (dead letter). Counts one attempt. */
    boolean markFailed(String id, String token, Instant at, String error);

    /** Puts a FAILED entry back to PENDING, due at {@code now}. Returns false if it is not FAILED. */
    boolean requeue(String id, Instant now);

    Optional<OutboxEntry> find(String id);

    /** Entries with the status (or all when null), newest first, at most {@code limit}. */
    List<OutboxEntry> list(@Nullable OutboxStatus status, int limit);

    /** How many entries have the status. */
    long count(OutboxStatus status);

    /** The earliest time a PENDING entry becomes due (may be early, never late), for sleeping. */
    Optional<Instant> earliestDue();
}
