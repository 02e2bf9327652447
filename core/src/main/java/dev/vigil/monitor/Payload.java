package dev.vigil.monitor;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The optional body of a push (seed 002): {@code status}, {@code message} and free-form fields (the
 * seed's {@code details}, flattened to {@code details.files_backed_up}-style keys).
 *
 * <p>Status {@code error}, {@code failed}, {@code fail} or {@code down} makes the monitor DOWN at once
 * (after {@code failure_threshold} such pushes); {@code start} or {@code in_progress} marks a run as
 * started (see {@code max_runtime}); anything else, or none, counts as success.
 */
public record Payload(@Nullable String status, @Nullable String message, Map<String, String> fields) {

    /** A push without a body. */
    public static final Payload EMPTY = new Payload(null, null, Map.of());

    public Payload {
        fields = Map.copyOf(fields);
    }

    public static Payload status(String status) {
        return new Payload(status, null, Map.of());
    }

    public static Payload status(String status, @Nullable String message) {
        return new Payload(status, message, Map.of());
    }

    /** A run started; pair it with {@code max_runtime}. */
    public static Payload start() {
        return status("start");
    }

    /** True when the push carried nothing at all (what {@code require_payload} rejects). */
    public boolean isEmpty() {
        return status == null && message == null && fields.isEmpty();
    }
}
