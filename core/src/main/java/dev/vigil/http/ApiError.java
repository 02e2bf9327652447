package dev.vigil.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An error about to be sent, handed to the {@link ErrorRenderer} of the {@link RouteFamily} it belongs to. The
 * renderer decides the status and the body; {@link ErrorRenderer#DEFAULT} sends {@code status} with
 * {@code {"error": message}} and {@code headers}.
 *
 * @param cause   what went wrong, independent of the status a family may choose
 * @param status  the status Vigil would send (e.g. 503 for {@link Cause#STORE_UNAVAILABLE})
 * @param message what was wrong, in words a user can act on; never a stack trace or an internal detail
 * @param headers headers the answer should carry (e.g. {@code Retry-After}, {@code Allow}, {@code WWW-Authenticate})
 * @param route   the matched route, or null when no route matched (404, 405) or the request was refused before
 *                routing
 * @param params  the path parameters of the matched route, or of the family's prefix when no route matched
 * @param request the request
 */
public record ApiError(Cause cause, int status, String message, Map<String, String> headers, @Nullable Route route,
        Map<String, String> params, HttpRequest request) {

    /** Why a request failed. */
    public enum Cause {
        /** No route matches the path (404). */
        NOT_FOUND,
        /** Routes match the path, none with this method (405; {@code Allow} in the headers). */
        METHOD_NOT_ALLOWED,
        /** Credentials missing, wrong, or their scheme not configured (401). */
        UNAUTHENTICATED,
        /** Valid credentials without the required scope, or a refused secret (403). */
        FORBIDDEN,
        /** Too many failed authentication attempts (429; {@code Retry-After} in the headers). */
        THROTTLED,
        /** The body is over the limit (413). */
        TOO_LARGE,
        /** The body did not arrive in time (408). */
        TIMEOUT,
        /** The state does not allow it (409). */
        CONFLICT,
        /** Anything else the client must fix: malformed JSON, a bad field (400 and other 4xx). */
        BAD_REQUEST,
        /** The store cannot be reached (503; {@code Retry-After} in the headers). */
        STORE_UNAVAILABLE,
        /** A server-side failure (500 and other 5xx). */
        INTERNAL;

        /** The cause Vigil assumes for a status raised without one (e.g. by {@link HttpError}). */
        public static Cause of(int status) {
            switch (status) {
                case 401:
                    return UNAUTHENTICATED;
                case 403:
                    return FORBIDDEN;
                case 404:
                    return NOT_FOUND;
                case 405:
                    return METHOD_NOT_ALLOWED;
                case 408:
                    return TIMEOUT;
                case 409:
                    return CONFLICT;
                case 413:
                    return TOO_LARGE;
                case 429:
                    return THROTTLED;
                case 503:
                    return STORE_UNAVAILABLE;
                default:
                    return status >= 500 ? INTERNAL : BAD_REQUEST;
            }
        }
    }

    public ApiError {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(request, "request");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 400 to 599, got " + status);
        }
        headers = Map.copyOf(new LinkedHashMap<>(headers));
        params = Map.copyOf(params);
    }

    /** One path parameter, or null. */
    public @Nullable String param(String name) {
        return params.get(name);
    }

    /** The request method, {@code DEL} read as {@code DELETE}. */
    public String method() {
        String m = request.method();
        return m.equals("DEL") ? "DELETE" : m;
    }
}
