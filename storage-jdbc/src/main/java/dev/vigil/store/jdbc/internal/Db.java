package dev.vigil.store.jdbc.internal;

import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/** Jdbi plus Vigil's error handling: every failure leaves as a Vigil exception (see {@link Errors#translate}). */
public final class Db {
    private final Jdbi jdbi;

    public Db(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Runs {@code work} in one transaction (committed when it returns, rolled back when it throws). */
    public <R> R tx(String operation, HandleCallback<R, RuntimeException> work) {
        try {
            return jdbi.inTransaction(work);
        } catch (RuntimeException e) {
            throw fail(operation, e);
        }
    }

    /** Runs {@code work} on one connection in auto-commit mode (single statements, reads). */
    public <R> R auto(String operation, HandleCallback<R, RuntimeException> work) {
        try {
            return jdbi.withHandle(work);
        } catch (RuntimeException e) {
            throw fail(operation, e);
        }
    }

    /** Translates a failure (see {@link Errors#translate}). */
    public RuntimeException fail(String operation, RuntimeException e) {
        return Errors.translate(operation, e);
    }
}
