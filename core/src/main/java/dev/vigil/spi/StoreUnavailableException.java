package dev.vigil.spi;

import dev.vigil.model.VigilException;

/** The store cannot be reached (database down, pool exhausted). Callers may retry; HTTP answers 503. */
public class StoreUnavailableException extends VigilException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
