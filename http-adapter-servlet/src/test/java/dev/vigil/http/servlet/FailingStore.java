package dev.vigil.http.servlet;

import dev.vigil.spi.IdempotencyStore;
import dev.vigil.spi.OutboxStore;
import dev.vigil.spi.RecordStore;
import dev.vigil.spi.SilenceStore;
import dev.vigil.spi.SubjectStore;
import dev.vigil.spi.TransitionLog;
import dev.vigil.spi.VigilStore;
import dev.vigil.spi.Watermark;

/** A store that runs a check (which may throw) before every area is used, then delegates. */
final class FailingStore implements VigilStore {
    private final VigilStore delegate;
    private final Runnable check;

    FailingStore(VigilStore delegate, Runnable check) {
        this.delegate = delegate;
        this.check = check;
    }

    @Override
    public SubjectStore subjects() {
        check.run();
        return delegate.subjects();
    }

    @Override
    public OutboxStore outbox() {
        check.run();
        return delegate.outbox();
    }

    @Override
    public TransitionLog transitions() {
        check.run();
        return delegate.transitions();
    }

    @Override
    public SilenceStore silences() {
        check.run();
        return delegate.silences();
    }

    @Override
    public RecordStore records() {
        check.run();
        return delegate.records();
    }

    @Override
    public IdempotencyStore idempotency() {
        check.run();
        return delegate.idempotency();
    }

    @Override
    public Watermark watermark() {
        check.run();
        return delegate.watermark();
    }

    @Override
    public long nextId(String sequence) {
        check.run();
        return delegate.nextId(sequence);
    }

    @Override
    public void checkAvailable() {
        check.run();
    }
}
