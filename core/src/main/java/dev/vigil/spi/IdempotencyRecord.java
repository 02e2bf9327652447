package dev.vigil.spi;

import java.time.Instant;

/**
 * The remembered outcome of a request sent with an {@code Idempotency-Key}: a retry with the same key within the
 * retention gets this response again and changes nothing; the same key with another body is refused. A record is
 * first written, with status {@link #PENDING}, in the same atomic write as the first change the request makes, and
 * completed with the answer once the request has one.
 *
 * @param scope       what the key is scoped to (route and caller or subject)
 * @param key         the client's key
 * @param requestHash a hash of the request body, to tell a retry from a different request
 * @param status      the HTTP status answered
 * @param response    the response body answered
 * @param at          when it was first answered
 */
public record IdempotencyRecord(String scope, String key, String requestHash, int status, String response,
        Instant at) {
    /** The status of a record whose request has not answered yet (or whose instance stopped before it did). */
    public static final int PENDING = 0;

    /** This record with its answer. */
    public IdempotencyRecord answered(int answerStatus, String answer) {
        return new IdempotencyRecord(scope, key, requestHash, answerStatus, answer, at);
    }

    public boolean isPending() {
        return status == PENDING;
    }
}
