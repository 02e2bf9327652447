package dev.vigil.monitor;

import dev.vigil.model.DuplicateNameException;

/** Monitor names are unique: config-as-code matches monitors by name. */
public final class DuplicateMonitorNameException extends DuplicateNameException {
    private static final long serialVersionUID = 1L;

    public DuplicateMonitorNameException(String name) {
        super("push_monitor", name);
    }
}
