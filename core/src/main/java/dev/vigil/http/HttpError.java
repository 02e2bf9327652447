package dev.vigil.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request that cannot be served as asked. The route's {@link RouteFamily} renders it (by default
 * {@code {"error": message}} with the status); its {@link ApiError.Cause} follows from the status.
 */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final Map<String, String> headers;

    public HttpError(int status, String message) {
        this(status, message, Map.of());
    }

    public HttpError(int status, String message, Map<String, String> headers) {
        super(java.util.Objects.requireNonNull(message, "message"), null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 400 to 599, got " + status);
        }
        this.status = status;
        this.headers = new LinkedHashMap<>(headers);
    }

    public static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    public static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    public ApiError.Cause cause() {
        return ApiError.Cause.of(status);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
