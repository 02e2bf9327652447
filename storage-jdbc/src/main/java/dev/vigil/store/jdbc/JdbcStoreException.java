package dev.vigil.store.jdbc;

import dev.vigil.model.VigilException;

/**
 * The database refused something Vigil needs: a schema newer than this Vigil knows, a missing or half-applied
 * schema, a wrong dialect, or an unexpected SQL error. An unreachable database is a
 * {@link dev.vigil.spi.StoreUnavailableException} instead.
 */
public class JdbcStoreException extends VigilException {
    private static final long serialVersionUID = 1L;

    public JdbcStoreException(String message) {
        super(message);
    }

    public JdbcStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
