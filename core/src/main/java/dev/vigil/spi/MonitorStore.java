package dev.vigil.spi;

import dev.vigil.monitor.DuplicateMonitorNameException;
import dev.vigil.monitor.PushMonitorSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Push monitors: definitions, state, the deadline index. */
public interface MonitorStore {

    /**
     * Stores a new monitor with version 1 and a new id (positive, never reused).
     *
     * @throws DuplicateMonitorNameException if a monitor has this name already
     */
    StoredMonitor insert(PushMonitorSpec spec, String secretHash, MonitorState state, Instant createdAt);

    Optional<StoredMonitor> find(long id);

    Optional<StoredMonitor> findByName(String name);

    /** All monitors, by id. */
    List<StoredMonitor> list();

    /**
     * Replaces the monitor if its stored version is still {@code updated.version() - 1}, and in the same atomic
     * step appends {@code transitions} to the log and {@code outbox} entries to the outbox. Returns false, writing
     * nothing, if the version moved on or the monitor is gone.
     *
     * @throws DuplicateMonitorNameException if the update renames it to another monitor's name
     */
    boolean compareAndSet(StoredMonitor updated, List<dev.vigil.notify.Transition> transitions,
            List<OutboxEntry> outbox);

    /** Deletes the monitor and its transition history. Returns false if it did not exist. */
    boolean delete(long id);

    /**
     * Up to {@code limit} monitors whose {@code state.nextDueAt <= now}, earliest first, that no other caller has
     * claimed within {@code lease}. Claims are released by the next successful compare-and-set, or expire. Costs
     * O(returned), never O(all monitors).
     */
    List<StoredMonitor> claimDue(Instant now, Duration lease, int limit);

    /** The earliest {@code nextDueAt} of any monitor (may be slightly early, never late), for sleeping. */
    Optional<Instant> earliestDue();
}
