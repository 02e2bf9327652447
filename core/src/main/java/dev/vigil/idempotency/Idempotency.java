package dev.vigil.idempotency;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Idempotency keys for requests that change something (the HTTP API's {@code Idempotency-Key} header on every
 * {@code POST}; hosts calling Vigil from their own code may use it too): the first request with a key runs; a retry
 * with the same key and the same request within {@link #RETENTION} gets the first answer again and changes nothing;
 * the same key with a different request is refused.
 *
 * <p>The key is recorded in the same atomic write as the first change the request makes (the subject write that
 * carries its transitions and notifications), so it holds across instances sharing a database and across a crash:
 * a request whose change was written is never applied twice. A request that changed nothing is recorded once it has
 * answered; one that failed with a server error and changed nothing is not recorded, so a retry runs again.
 */
public interface Idempotency {

    /** How long a key is remembered. */
    Duration RETENTION = Duration.ofHours(24);

    /** An answer as remembered: a status (HTTP's), a content type and a body. */
    record Answer(int status, String contentType, String body) {
    }

    /** What became of a request with a key. */
    sealed interface Outcome<R> permits Ran, Replayed, Mismatch, InProgress {
    }

    /** The key was new: the action ran and this is its result. */
    record Ran<R>(R result) implements Outcome<R> {
    }

    /** The key was used before for the same request: its first answer, and nothing ran. */
    record Replayed<R>(Answer answer) implements Outcome<R> {
    }

    /** The key was used before for a different request: nothing ran. */
    record Mismatch<R>() implements Outcome<R> {
    }

    /**
     * A request with the key changed something and has not answered yet: it is under way elsewhere, or the instance
     * running it stopped before it answered (its change stands). Nothing ran.
     */
    record InProgress<R>() implements Outcome<R> {
    }

    /**
     * Runs {@code action} unless the key was used within the retention.
     *
     * @param scope       what the key belongs to (a route and its caller): keys of different scopes never meet
     * @param key         the client's key
     * @param requestHash identifies the request's content, to tell a retry from a different request
     * @param action      what the request does; its changes carry the key
     * @param answer      how its result is remembered
     * @throws IllegalArgumentException if the scope is empty or over 1000 characters, or the key is not 1 to 255
     *                                  visible ASCII characters
     * @throws IllegalStateException    if called from within another idempotent run on the same thread
     */
    <R> Outcome<R> run(String scope, String key, String requestHash, Supplier<R> action, Function<R, Answer> answer);
}
