package dev.vigil.spi;
import dev.vigil.model.DuplicateNameException;

import dev.vigil.model.SubjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Subjects of every kind: one area, whatever kinds exist. Adding a kind needs no change here, in any store, and no
 * migration.
 */
public interface SubjectStore {

    Optional<StoredSubject> find(SubjectRef ref);

    /**
     * The subject as this store last read or wrote it, which may be out of date when other instances write to the
     * same database: for a caller about to compare-and-set it, whose write then fails if it was stale, and who reads
     * again with {@link #find}. A store whose reads cost a round trip remembers what it wrote (bounded); one whose
     * reads are cheap answers with {@link #find}, as the default does. Empty only when {@link #find} is.
     */
    default Optional<StoredSubject> findLastKnown(SubjectRef ref) {
        return find(ref);
    }

    /** The subject of this kind with this name, if any. */
    Optional<StoredSubject> findByName(String kind, String name);

    /**
     * Inserts {@code subject} (version 1) with its commit, unless a subject with its ref exists: then nothing is
     * written and false is returned. Two callers racing on the same ref (two instances on a first push) create one.
     *
     * @throws DuplicateNameException if another subject of the kind has the name
     */
    boolean insert(StoredSubject subject, Commit commit);

    /**
     * Replaces the subject if its stored version is still {@code updated.version() - 1}, writing the commit in the
     * same atomic step. Returns false, writing nothing, if the version moved on or the subject is gone. A successful
     * write also ends any claim on the subject.
     *
     * @throws DuplicateNameException if the update renames it to another subject's name
     */
    boolean compareAndSet(StoredSubject updated, Commit commit);

    /**
     * Deletes the subject and its transition history, recording the delete in the change feed at {@code at} (the
     * writer's clock). Returns false if it did not exist.
     */
    boolean delete(SubjectRef ref, Instant at);

    /** One page of a kind's subjects matching the query, by key. */
    List<StoredSubject> list(SubjectQuery query);

    /**
     * Up to {@code limit} subjects of any kind whose {@code dueAt <= now}, earliest first, that no other caller has
     * claimed within {@code lease}. A claim ends with the next successful compare-and-set, or when the lease runs
     * out. Costs O(returned), never O(all subjects).
     */
    List<StoredSubject> claimDue(Instant now, Duration lease, int limit);

    /** The earliest {@code dueAt} of any subject (may be slightly early, never late), for sleeping. */
    Optional<Instant> earliestDue();

    /**
     * True when reads hand back the very {@link StoredSubject} objects that writes were given, texts included, as an
     * in-memory store does: the engine then remembers the states it encoded by the identity of their text and does
     * not decode them again. False by default, for stores that read new objects (a database).
     */
    default boolean returnsWrittenObjects() {
        return false;
    }

    /**
     * Changes (inserts, deletes, and writes whose commit is not {@link Commit#stateOnly()}) with a sequence number
     * above {@code afterSeq}, in sequence order, at most
     * {@code limit}. Followers keep in-memory indexes right with it when several instances share a store. A store
     * whose writes commit concurrently may make a change visible after one with a higher number; see
     * {@link SubjectChange}.
     */
    List<SubjectChange> changesSince(long afterSeq, int limit);
}
