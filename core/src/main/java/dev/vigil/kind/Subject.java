package dev.vigil.kind;

import dev.vigil.model.SubjectRef;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A subject of some kind as the engine read it: decoded spec and state plus what the store keeps beside them.
 *
 * @param version the version a compare-and-set of this subject must follow
 */
public record Subject<S, T>(
        SubjectRef ref,
        long version,
        String name,
        String status,
        @Nullable Instant dueAt,
        S spec,
        T state,
        Instant createdAt,
        Instant updatedAt) {

    public String key() {
        return ref.key();
    }
}
