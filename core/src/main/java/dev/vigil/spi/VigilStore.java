package dev.vigil.spi;

/**
 * Vigil's storage SPI: coarse areas with atomic operations, no JDBC or other technology types. Every store
 * passes the contract tests in {@code vigil-testkit}. Implementations must be thread-safe.
 */
public interface VigilStore extends AutoCloseable {

    MonitorStore monitors();

    OutboxStore outbox();

    TransitionLog transitions();

    SilenceStore silences();

    /** Throws {@link StoreUnavailableException} when the store cannot serve requests (for {@code /readyz}). */
    void checkAvailable();

    @Override
    default void close() {
    }
}
