package dev.vigil.monitor;

import dev.vigil.VigilException;

/** Monitor names are unique: config-as-code matches monitors by name. */
public final class DuplicateMonitorNameException extends VigilException {
    private static final long serialVersionUID = 1L;

    public DuplicateMonitorNameException(String name) {
        super("A push monitor named \"" + name + "\" already exists");
    }
}
