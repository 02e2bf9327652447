package dev.vigil.monitor;

import dev.vigil.model.VigilException;

/** No push monitor has the given id. */
public final class MonitorNotFoundException extends VigilException {
    private static final long serialVersionUID = 1L;
    private final long monitorId;

    public MonitorNotFoundException(long monitorId) {
        super("Push monitor not found: " + monitorId);
        this.monitorId = monitorId;
    }

    public long monitorId() {
        return monitorId;
    }
}
