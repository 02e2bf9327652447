package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.vigil.spi.VigilStore#nextId}: each named sequence counts from 1, never hands out a
 * number twice, also to racing threads.
 *
 * <p>A store module runs it by extending it and implementing {@link #createStore()}:
 * <pre>{@code
 * class MyStoreSequenceContractTest extends SequenceContractTest {
 *     protected VigilStore createStore() { return new MyStore(...); } // a fresh, empty store
 * }
 * }</pre>
 */
public abstract class SequenceContractTest extends StoreContract {

    @Test
    void eachSequenceCountsFromOne() {
        assertThat(store.nextId("push_monitor")).isEqualTo(1);
        assertThat(store.nextId("push_monitor")).isEqualTo(2);
        assertThat(store.nextId("other")).isEqualTo(1);
        assertThat(store.nextId("push_monitor")).isEqualTo(3);
        assertThat(store.nextId("other")).isEqualTo(2);
    }

    @Test
    void racingThreadsNeverGetTheSameNumber() throws Exception {
        int threads = 8;
        int perThread = 200;
        List<List<Long>> got = ContractFixtures.race(threads, () -> {
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                mine.add(store.nextId("contended"));
            }
            return mine;
        });
        List<Long> all = got.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(threads * perThread).doesNotHaveDuplicates().allMatch(n -> n >= 1);
        assertThat(store.nextId("contended")).isGreaterThan(threads * perThread);
    }

    @Test
    void aStoreThatIsAvailableSaysSo() {
        store.checkAvailable();
    }
}
