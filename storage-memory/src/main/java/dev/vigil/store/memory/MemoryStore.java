package dev.vigil.store.memory;

import dev.vigil.spi.IdempotencyStore;
import dev.vigil.spi.OutboxStore;
import dev.vigil.spi.RecordStore;
import dev.vigil.spi.SilenceStore;
import dev.vigil.spi.SubjectStore;
import dev.vigil.spi.TransitionLog;
import dev.vigil.spi.VigilStore;
import dev.vigil.spi.Watermark;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread-safe store that keeps everything in this process's memory: for tests, for host applications' own unit
 * tests, and for single-process setups where losing state on restart is fine.
 *
 * <p>It is also the reference implementation of the storage SPI, written to be read (and copied by authors of other
 * stores): plain JDK collections, one class per area. Writes that must be atomic across areas (a subject's
 * compare-and-set with its transitions, outbox entries and idempotency record) hold one store-wide lock. Subjects,
 * silences, idempotency records and the change feed are immutable values in concurrent maps and are read without a
 * lock; the outbox and the transition log are read under it. Records have a lock of their own. Every area is bounded,
 * so a long-running process does not grow without limit:
 * <ul>
 * <li>the newest {@value #HISTORY_PER_SUBJECT} transitions per subject,</li>
 * <li>the newest {@value #DELIVERED_NOTIFICATIONS_KEPT} delivered outbox entries (pending and failed ones are always
 * kept),</li>
 * <li>the newest {@value #RECORDS_PER_STREAM} records per record stream by default (and whatever
 * {@code records().prune(...)} removes),</li>
 * <li>the newest {@value #CHANGES_KEPT} entries of the subject change feed.</li>
 * </ul>
 */
public final class MemoryStore implements VigilStore {
    /** Transitions kept per subject; older ones are dropped. */
    public static final int HISTORY_PER_SUBJECT = 1000;
    /** Delivered notifications kept for listing; older ones are dropped. */
    public static final int DELIVERED_NOTIFICATIONS_KEPT = 10_000;
    /** Records kept per record stream unless another bound is given; older ones are dropped. */
    public static final int RECORDS_PER_STREAM = 100_000;
    /** Entries of the subject change feed kept; older ones are dropped. */
    public static final int CHANGES_KEPT = 100_000;

    /** Held by every write that touches more than one area, and by the areas such a write touches. */
    private final Object lock = new Object();
    private final MemoryTransitionLog transitions = new MemoryTransitionLog(lock, HISTORY_PER_SUBJECT);
    private final MemoryOutboxStore outbox = new MemoryOutboxStore(lock, DELIVERED_NOTIFICATIONS_KEPT);
    private final MemoryIdempotencyStore idempotency = new MemoryIdempotencyStore(lock);
    private final MemorySubjectStore subjects = new MemorySubjectStore(lock, transitions, outbox, idempotency,
            CHANGES_KEPT);
    private final MemorySilenceStore silences = new MemorySilenceStore();
    private final MemoryRecordStore records;
    private final MemoryWatermark watermark = new MemoryWatermark();
    private final ConcurrentHashMap<String, AtomicLong> sequences = new ConcurrentHashMap<>();

    /** An empty store with the default bounds. */
    public MemoryStore() {
        this(RECORDS_PER_STREAM);
    }

    /** An empty store that keeps at most {@code recordsPerStream} records in each record stream. */
    public MemoryStore(int recordsPerStream) {
        if (recordsPerStream < 1) {
            throw new IllegalArgumentException("recordsPerStream must be at least 1, got " + recordsPerStream);
        }
        this.records = new MemoryRecordStore(recordsPerStream);
    }

    @Override
    public SubjectStore subjects() {
        return subjects;
    }

    @Override
    public OutboxStore outbox() {
        return outbox;
    }

    @Override
    public TransitionLog transitions() {
        return transitions;
    }

    @Override
    public SilenceStore silences() {
        return silences;
    }

    @Override
    public RecordStore records() {
        return records;
    }

    @Override
    public IdempotencyStore idempotency() {
        return idempotency;
    }

    @Override
    public Watermark watermark() {
        return watermark;
    }

    @Override
    public long nextId(String sequence) {
        return sequences.computeIfAbsent(sequence, s -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void checkAvailable() {
        // memory is always there
    }
}
