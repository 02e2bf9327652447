package dev.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns an {@link ApiError} into the response a {@link RouteFamily} sends: its status (a family may answer a store
 * failure with 400 if its API does) and its body (the envelope of the API it speaks). It is called for every error
 * of the family's routes, including those raised before the handler runs (401, 403, 413, 429) and 404/405 under the
 * family's prefixes. Must not throw; if it does (or returns null), Vigil logs it and sends {@link #DEFAULT}'s
 * answer instead.
 */
@FunctionalInterface
public interface ErrorRenderer {

    /** Vigil's own shape: the status, {@code {"error": "<message>"}} and the error's headers. */
    ErrorRenderer DEFAULT = e -> Exchange.error(e.status(), e.message(), e.headers());

    HttpResponse render(ApiError error);

    /** A renderer that keeps Vigil's status and headers and only changes the JSON body. */
    static ErrorRenderer json(Function<ApiError, JsonNode> body) {
        Objects.requireNonNull(body, "body");
        return e -> Exchange.json(e.status(), body.apply(e), e.headers());
    }
}
