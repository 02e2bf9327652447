package dev.vigil.spi;

import dev.vigil.model.SubjectRef;
import java.time.Instant;

/**
 * One entry of the change feed: the subject was written (now at {@code version}) or deleted.
 *
 * <p>Sequence numbers grow with every write, but on a store where transactions commit concurrently (PostgreSQL) a
 * change can become visible after one with a higher number. Followers therefore hold their cursor back while a gap
 * in the numbers is younger than a few seconds, and treat entries idempotently by version.
 *
 * @param seq     position in the feed
 * @param ref     which subject
 * @param version its version after the write (the last version for a delete)
 * @param deleted true when the subject was deleted
 * @param at      when the write happened (the writer's clock)
 */
public record SubjectChange(long seq, SubjectRef ref, long version, boolean deleted, Instant at) {
}
