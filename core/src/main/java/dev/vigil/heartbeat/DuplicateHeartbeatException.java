package dev.vigil.heartbeat;

import dev.vigil.model.VigilException;

/** A heartbeat with the same pattern exists already (patterns are compared, not ids). */
public final class DuplicateHeartbeatException extends VigilException {
    private static final long serialVersionUID = 1L;
    private final String existingId;

    public DuplicateHeartbeatException(String existingId) {
        super("heartbeat pattern already exists (heartbeat " + existingId + ")");
        this.existingId = existingId;
    }

    /** The id of the heartbeat that has the pattern. */
    public String existingId() {
        return existingId;
    }
}
