package dev.vigil.testkit;

import dev.vigil.spi.IdempotencyStore;
import dev.vigil.spi.OutboxStore;
import dev.vigil.spi.RecordStore;
import dev.vigil.spi.SilenceStore;
import dev.vigil.spi.StoreUnavailableException;
import dev.vigil.spi.SubjectStore;
import dev.vigil.spi.TransitionLog;
import dev.vigil.spi.VigilStore;
import dev.vigil.spi.Watermark;

/**
 * A store that fails on demand, around a real one: {@link Mode#UNAVAILABLE} makes every area throw
 * {@link StoreUnavailableException} (a database that went away), {@link Mode#BROKEN} an {@link IllegalStateException}
 * (a bug or a corrupt row). For tests of what users see when storage fails. Thread-safe.
 */
public final class FaultyStore implements VigilStore {
    /** How the store behaves now. */
    public enum Mode {
        OK,
        UNAVAILABLE,
        BROKEN
    }

    private final VigilStore delegate;
    private volatile Mode mode = Mode.OK;

    public FaultyStore(VigilStore delegate) {
        this.delegate = delegate;
    }

    public FaultyStore mode(Mode mode) {
        this.mode = mode;
        return this;
    }

    private VigilStore check() {
        switch (mode) {
            case UNAVAILABLE:
                throw new StoreUnavailableException("connection refused: db.internal:5432");
            case BROKEN:
                throw new IllegalStateException("corrupt row at db.internal:5432");
            default:
                return delegate;
        }
    }

    @Override
    public SubjectStore subjects() {
        return check().subjects();
    }

    @Override
    public OutboxStore outbox() {
        return check().outbox();
    }

    @Override
    public TransitionLog transitions() {
        return check().transitions();
    }

    @Override
    public SilenceStore silences() {
        return check().silences();
    }

    @Override
    public RecordStore records() {
        return check().records();
    }

    @Override
    public IdempotencyStore idempotency() {
        return check().idempotency();
    }

    @Override
    public Watermark watermark() {
        return check().watermark();
    }

    @Override
    public long nextId(String sequence) {
        return check().nextId(sequence);
    }

    @Override
    public void checkAvailable() {
        check().checkAvailable();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
