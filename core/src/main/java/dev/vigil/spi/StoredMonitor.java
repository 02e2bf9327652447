package dev.vigil.spi;

import dev.vigil.monitor.PushMonitorSpec;
import java.time.Instant;

/**
 * A push monitor row: definition, secret hash, state and the version used for compare-and-set. Every change
 * (push, evaluation, edit, rotation) produces the next version.
 */
public record StoredMonitor(
        long id,
        long version,
        PushMonitorSpec spec,
        String secretHash,
        MonitorState state,
        Instant createdAt) {

    public StoredMonitor withState(MonitorState newState) {
        return new StoredMonitor(id, version + 1, spec, secretHash, newState, createdAt);
    }

    public StoredMonitor withSpecAndState(PushMonitorSpec newSpec, MonitorState newState) {
        return new StoredMonitor(id, version + 1, newSpec, secretHash, newState, createdAt);
    }

    public StoredMonitor withSecretHash(String newHash) {
        return new StoredMonitor(id, version + 1, spec, newHash, state, createdAt);
    }
}
