package dev.vigil.http;

import dev.vigil.model.VigilException;

/** A request body is longer than the configured limit; over HTTP this is a 413. */
public final class BodyTooLargeException extends VigilException {
    private static final long serialVersionUID = 1L;
    private final long limit;

    public BodyTooLargeException(long limit) {
        super("Request body is larger than the limit of " + limit + " bytes");
        this.limit = limit;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }
}
