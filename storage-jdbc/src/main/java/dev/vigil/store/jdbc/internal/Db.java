package dev.vigil.store.jdbc.internal;

import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/** Jdbi plus Vigil's error handling: every failure leaves as a Vigil exception (see {@link Errors#translate}). */
public final class Db {
    private final Jdbi jdbi;
    private volatile @Nullable String beforeCommit;

    public Db(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * A statement every transaction of {@link #tx} runs first, before its work and its commit: what the dialect needs
     * for that commit to be durable (see {@link H2Durability}), or null.
     */
    public void beforeEveryCommit(@Nullable String statement) {
        this.beforeCommit = statement;
    }

    /**
     * Runs {@code work} in one transaction (committed when it returns, rolled back when it throws). Every write goes
     * through here: when this returns, the commit survives the process being killed.
     */
    public <R> R tx(String operation, HandleCallback<R, RuntimeException> work) {
        String first = beforeCommit;
        try {
            return jdbi.inTransaction(first == null ? work : h -> {
                h.execute(first);
                return work.withHandle(h);
            });
        } catch (RuntimeException e) {
            throw fail(operation, e);
        }
    }

    /** Runs {@code work} on one connection in auto-commit mode: reads (and the schema lock), not writes. */
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
