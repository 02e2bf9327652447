package dev.vigil.store.jdbc.internal;

import dev.vigil.model.VigilException;
import dev.vigil.spi.StoreUnavailableException;
import dev.vigil.store.jdbc.JdbcStoreException;
import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.jdbi.v3.core.ConnectionException;
import org.jspecify.annotations.Nullable;

/** Classifies database failures: unreachable (retry later, HTTP 503), a constraint, a lost race, or a bug. */
public final class Errors {
    /** H2's codes for a connection or database that is gone (H2 does not use SQLState class 08 for them). */
    private static final Set<Integer> H2_GONE = Set.of(90067 /* connection broken */, 90098 /* database closed */,
            90121 /* called at shutdown */, 90013 /* database not found */, 90146 /* database not found (IFEXISTS) */);

    private Errors() {
    }

    /** True when the failure means the database cannot be reached now (as opposed to refusing the statement). */
    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreUnavailableException || t instanceof ConnectionException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SocketException || t instanceof EOFException) {
                return true;
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("08") // connection exception
                        || state.startsWith("57P") // admin shutdown, crash shutdown, cannot connect now
                        || state.equals("53300"))) { // too many connections
                    return true;
                }
                if (H2_GONE.contains(s.getErrorCode())) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** A unique constraint was violated (the same SQLState in PostgreSQL and H2). */
    public static boolean isUniqueViolation(Throwable e) {
        return hasState(e, "23505");
    }

    /** Deadlock, serialization failure or H2's concurrent update: another transaction won, nothing was written. */
    public static boolean isLostRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if ("40001".equals(state) || "40P01".equals(state) || s.getErrorCode() == 90131
                        || s.getErrorCode() == 40001) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasState(Throwable e, String state) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && state.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The exception a caller should see: Vigil's own exceptions unchanged, an unreachable database as
     * {@link StoreUnavailableException}, anything else as {@link JdbcStoreException}.
     */
    public static RuntimeException translate(String operation, RuntimeException e) {
        if (e instanceof VigilException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException) {
            return e;
        }
        if (isUnavailable(e)) {
            return new StoreUnavailableException("database unavailable (" + operation + "): " + describe(e), e);
        }
        return new JdbcStoreException("database error (" + operation + "): " + describe(e), e);
    }

    /** The innermost useful message, with its SQLState when there is one. */
    public static String describe(Throwable e) {
        Throwable deepest = e;
        @Nullable SQLException sql = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            deepest = t;
            if (t instanceof SQLException s && sql == null) {
                sql = s;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        Throwable shown = sql != null ? sql : deepest;
        String msg = shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
        int newline = msg.indexOf('\n');
        if (newline > 0) {
            msg = msg.substring(0, newline);
        }
        return sql != null && sql.getSQLState() != null ? msg + " [SQLState " + sql.getSQLState() + "]" : msg;
    }
}
