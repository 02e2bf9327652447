package dev.vigil.heartbeat;

import dev.vigil.model.Transition;
import java.util.List;
import java.util.Optional;

/**
 * Heartbeats (seed 004): each pattern is matched against every signal Vigil receives (pushes, service reports,
 * check events, ...); a heartbeat that no signal matched for its interval alerts, and the next match resolves it.
 * Obtained from {@code Vigil#heartbeats()}. Thread-safe.
 *
 * <p><b>Ids.</b> A heartbeat's id is the MD5 (32 lowercase hex digits) of its pattern's keys in sorted order, each
 * followed by its value, with no separators, as Canopsis computes it. Two different patterns that would get the same
 * id ({@code {"a":"bc"}} and {@code {"ab":"c"}}) are both accepted: the later one gets the MD5 of a length-prefixed
 * encoding instead (Canopsis would call it a duplicate). Duplicates are found by comparing patterns.
 *
 * <pre>{@code
 * Heartbeat hb = vigil.heartbeats().create(HeartbeatSpec.of(
 *         Map.of("connector", "c1", "connector_name", "connector1"), "10s"));
 * vigil.heartbeats().receive(CheckEvent.check("c1", "connector1", "host1", "disk", 0)); // matches it
 * }</pre>
 */
public interface Heartbeats {

    /**
     * Creates a heartbeat. It gets one full interval before it can alert.
     *
     * @throws DuplicateHeartbeatException if a heartbeat has the same pattern
     */
    Heartbeat create(HeartbeatSpec spec);

    Optional<Heartbeat> get(String id);

    /** Every heartbeat, oldest first. */
    List<Heartbeat> list();

    /** Deletes the heartbeat and its history; false when there was none. */
    boolean delete(String id);

    /** The heartbeat's transitions ({@code OK -> ALERT}, {@code ALERT -> OK}), newest first, 1..1000. */
    List<Transition> history(String id, int limit);

    /** Publishes a Canopsis check event as a signal (source {@code check_event}); heartbeats match it. */
    void receive(CheckEvent event);
}
