package dev.vigil.model;

/** Base class of the exceptions Vigil throws for conditions a caller can act on. */
public class VigilException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VigilException(String message) {
        super(message);
    }

    public VigilException(String message, Throwable cause) {
        super(message, cause);
    }
}
