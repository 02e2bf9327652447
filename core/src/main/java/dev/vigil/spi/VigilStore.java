package dev.vigil.spi;

/**
 * Vigil's storage SPI: coarse areas with atomic operations, no JDBC or other technology types, none of which grows
 * with the kinds of subject. Every store passes the contract tests in {@code vigil-testkit}. Implementations must
 * be thread-safe.
 */
public interface VigilStore extends AutoCloseable {

    SubjectStore subjects();

    OutboxStore outbox();

    TransitionLog transitions();

    SilenceStore silences();

    RecordStore records();

    IdempotencyStore idempotency();

    Watermark watermark();

    /**
     * The next number of a named sequence, from 1, never reused (e.g. push monitor ids, which a seed's URLs need as
     * numbers).
     */
    long nextId(String sequence);

    /** Throws {@link StoreUnavailableException} when the store cannot serve requests (for {@code /readyz}). */
    void checkAvailable();

    @Override
    default void close() {
    }
}
