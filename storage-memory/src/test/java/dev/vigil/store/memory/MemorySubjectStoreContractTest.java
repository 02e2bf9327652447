package dev.vigil.store.memory;

import static dev.vigil.testkit.ContractFixtures.T0;
import static dev.vigil.testkit.ContractFixtures.next;
import static dev.vigil.testkit.ContractFixtures.subject;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.spi.Commit;
import dev.vigil.spi.StoredSubject;
import dev.vigil.spi.SubjectStore;
import dev.vigil.spi.VigilStore;
import dev.vigil.testkit.SubjectStoreContractTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemorySubjectStoreContractTest extends SubjectStoreContractTest {
    @Override
    protected VigilStore createStore() {
        return new MemoryStore();
    }

    /**
     * The memory store moves a deadline that a write pushed later only when its old place comes due; the evaluator
     * sleeps until {@code earliestDue}, so that must already be the real deadline (no wake-up for nothing).
     */
    @Test
    void earliestDueIsTheRealDeadlineAfterDeadlinesMovedLater() {
        SubjectStore subjects = new MemoryStore().subjects();
        StoredSubject a = subject("a", T0);
        StoredSubject b = subject("b", T0.plusSeconds(5));
        assertThat(subjects.insert(a, Commit.NONE)).isTrue();
        assertThat(subjects.insert(b, Commit.NONE)).isTrue();
        for (int push = 1; push <= 3; push++) { // pushes keep moving both deadlines later
            a = next(a, T0.plusSeconds(100L * push), T0);
            b = next(b, T0.plusSeconds(100L * push + 50), T0);
            assertThat(subjects.compareAndSet(a, Commit.NONE)).isTrue();
            assertThat(subjects.compareAndSet(b, Commit.NONE)).isTrue();
        }
        assertThat(subjects.earliestDue()).contains(T0.plusSeconds(300));
        assertThat(subjects.claimDue(T0.plusSeconds(299), Duration.ofSeconds(30), 10)).isEmpty();
        assertThat(subjects.claimDue(T0.plusSeconds(300), Duration.ofSeconds(30), 10)).containsExactly(a);
        assertThat(subjects.earliestDue()).contains(T0.plusSeconds(330)); // a's claim ends before b is due
        assertThat(subjects.compareAndSet(next(a, null, T0), Commit.NONE)).isTrue();
        assertThat(subjects.earliestDue()).contains(T0.plusSeconds(350));
    }
}
