package dev.vigil.http.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request that cannot be served as asked; becomes {@code {"error": message}} with the status. */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final Map<String, String> headers;

    public HttpError(int status, String message) {
        this(status, message, Map.of());
    }

    public HttpError(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.headers = new LinkedHashMap<>(headers);
    }

    public static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    public static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
