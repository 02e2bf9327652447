package dev.vigil.spi;

import dev.vigil.model.SubjectRef;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One subject of any kind as a store keeps it. The store reads none of {@code spec} and {@code state}: they are the
 * kind's own encodings (JSON text), written back as they were given. What the store does read is indexed for it:
 * the name (unique within a kind), the labels and the status (for listing with filters), and {@code dueAt} (the
 * deadline index that {@link SubjectStore#claimDue} serves).
 *
 * @param ref       kind and key; never changes
 * @param version   1 when inserted, then one more with every compare-and-set
 * @param name      display name, unique within the kind
 * @param labels    what lists filter on and routes match (e.g. {@code group}, a service's path segments)
 * @param status    the current status name, e.g. {@code DOWN}
 * @param dueAt     when the evaluator must look at this subject next; null when nothing can happen without input
 * @param spec      the kind's encoded definition
 * @param state     the kind's encoded state
 * @param createdAt when it was inserted
 * @param updatedAt when the last version was written
 */
public record StoredSubject(
        SubjectRef ref,
        long version,
        String name,
        Map<String, String> labels,
        String status,
        @Nullable Instant dueAt,
        String spec,
        String state,
        Instant createdAt,
        Instant updatedAt) {

    public StoredSubject {
        labels = Map.copyOf(labels);
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, got " + version);
        }
    }

    public String kind() {
        return ref.kind();
    }

    public String key() {
        return ref.key();
    }

    /** The next version with new contents; {@code ref} and {@code createdAt} stay. */
    public StoredSubject next(String name, Map<String, String> labels, String status, @Nullable Instant dueAt,
            String spec, String state, Instant updatedAt) {
        return new StoredSubject(ref, version + 1, name, labels, status, dueAt, spec, state, createdAt, updatedAt);
    }
}
