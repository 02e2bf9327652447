package dev.vigil.monitor;

import dev.vigil.model.Transition;
import java.util.List;
import java.util.Optional;

/**
 * Push monitors (seed 002): create and manage them, and push to them. Obtained from
 * {@link dev.vigil.Vigil#monitors()}. All methods are thread-safe.
 */
public interface PushMonitors {

    /**
     * Creates a monitor with a new random secret, returned this once (only its hash is kept).
     *
     * @throws IllegalArgumentException       if a notification channel is unknown
     * @throws DuplicateMonitorNameException if the name is taken
     */
    CreatedMonitor create(PushMonitorSpec spec);

    default CreatedMonitor create(PushMonitorSpec.Builder spec) {
        return create(spec.build());
    }

    /** Creates a monitor with a secret the caller chose (at least 16 characters). */
    CreatedMonitor create(PushMonitorSpec spec, String secret);

    /**
     * Replaces the definition, keeping id, secret, history and (where it still applies) state.
     *
     * @throws MonitorNotFoundException if there is no such monitor
     */
    PushMonitor update(long id, PushMonitorSpec spec);

    /** Deletes the monitor and its history. Returns false if there was no such monitor. */
    boolean delete(long id);

    Optional<PushMonitor> get(long id);

    Optional<PushMonitor> findByName(String name);

    /** Every monitor, by id. */
    List<PushMonitor> list();

    /** Stops evaluating the monitor (status PAUSED); pushes are still recorded. */
    PushMonitor pause(long id);

    /** Evaluates the monitor again, starting a fresh period from now. */
    PushMonitor resume(long id);

    /** Replaces the secret with a new random one and returns it, once. The old secret stops working at once. */
    String rotateSecret(long id);

    /**
     * Records a push. The outcome says whether the monitor exists, the secret matched and a required payload was
     * there; only an accepted push changes anything.
     */
    PushResult push(long id, String secret, Payload payload);

    /** The monitor's transitions, newest first. */
    List<Transition> history(long id, int limit);
}
