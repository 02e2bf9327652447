package dev.vigil.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.DuplicateNameException;
import dev.vigil.spi.StoreUnavailableException;
import dev.vigil.store.jdbc.JdbcStoreException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

class ErrorsTest {
    private static RuntimeException jdbi(Exception cause) {
        return new UnableToExecuteStatementException(cause, null);
    }

    @Test
    void connectionFailuresMeanUnavailable() {
        assertThat(Errors.isUnavailable(new ConnectionException(new SQLException("refused")))).isTrue();
        assertThat(Errors.isUnavailable(jdbi(new SQLTransientConnectionException("pool timeout")))).isTrue();
        assertThat(Errors.isUnavailable(jdbi(new SQLNonTransientConnectionException("gone")))).isTrue();
        assertThat(Errors.isUnavailable(jdbi(new SQLException("refused", "08001")))).isTrue();
        assertThat(Errors.isUnavailable(jdbi(new SQLException("I/O error", "08006")))).isTrue();
        assertThat(Errors.isUnavailable(jdbi(new SQLException("terminating connection", "57P01")))).isTrue();
        assertThat(Errors.isUnavailable(jdbi(new SQLException("too many clients", "53300")))).isTrue();
        assertThat(Errors.isUnavailable(jdbi(new SQLException("Connection is broken", "90067", 90067)))).isTrue();
        assertThat(Errors.isUnavailable(jdbi(new SQLException("Database is already closed", "90098", 90098))))
                .isTrue();
        assertThat(Errors.isUnavailable(jdbi(new SQLException("x", new ConnectException("refused"))))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(Errors.isUnavailable(jdbi(new SQLException("duplicate", "23505")))).isFalse();
        assertThat(Errors.isUnavailable(jdbi(new SQLException("syntax", "42601")))).isFalse();
        assertThat(Errors.isUniqueViolation(jdbi(new SQLException("duplicate", "23505")))).isTrue();
        assertThat(Errors.isLostRace(jdbi(new SQLException("deadlock detected", "40P01")))).isTrue();
        assertThat(Errors.isLostRace(jdbi(new SQLException("could not serialize", "40001")))).isTrue();
    }

    @Test
    void translationKeepsVigilExceptionsAndNamesTheOperation() {
        DuplicateNameException dup = new DuplicateNameException("push_monitor", "a");
        assertThat(Errors.translate("x", dup)).isSameAs(dup);
        assertThat(Errors.translate("claiming due monitors", jdbi(new SQLException("refused", "08001"))))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("database unavailable (claiming due monitors): refused [SQLState 08001]");
        assertThat(Errors.translate("reading", jdbi(new SQLException("syntax error\nat line 2", "42601"))))
                .isInstanceOf(JdbcStoreException.class)
                .hasMessage("database error (reading): syntax error [SQLState 42601]");
    }
}
