package dev.vigil.store.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A DataSource that can be switched off, as if the database server went away (connection refused). */
final class ToggleDataSource implements DataSource {
    private final DataSource delegate;
    private volatile boolean down;

    ToggleDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    void down() {
        down = true;
    }

    void up() {
        down = false;
    }

    private void check() throws SQLException {
        if (down) {
            throw new SQLNonTransientConnectionException("Connection refused (database switched off by the test)",
                    "08001");
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        check();
        return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        check();
        return delegate.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
