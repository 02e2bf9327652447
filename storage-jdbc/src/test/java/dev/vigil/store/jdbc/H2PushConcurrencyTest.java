package dev.vigil.store.jdbc;

import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.PushConcurrencyContractTest;
import dev.vigil.store.jdbc.internal.GroupCommitter;
import dev.vigil.store.jdbc.internal.JdbcSubjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

class H2PushConcurrencyTest extends PushConcurrencyContractTest {
    @RegisterExtension
    final H2Database h2 = new H2Database();

    @Override
    protected VigilStore createStore() {
        return h2.store();
    }

    /** Plain pushes took the group-commit path (how well they grouped depends on timing: logged, not asserted). */
    @AfterEach
    void groupCommitWasUsed() {
        GroupCommitter<?> g = ((JdbcSubjectStore) store.subjects()).group();
        org.assertj.core.api.Assertions.assertThat(g.writes()).isPositive();
        LoggerFactory.getLogger(getClass()).info("group commit: {} writes in {} transactions", g.writes(), g.batches());
    }
}
