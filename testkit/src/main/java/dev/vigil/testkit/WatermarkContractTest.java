package dev.vigil.testkit;

import static dev.vigil.testkit.ContractFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.spi.Gap;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The {@link dev.vigil.spi.Watermark} contract: a watermark that only moves forward, and the gaps recorded in it.
 *
 * <p>A store module runs it by extending it and implementing {@link #createStore()}:
 * <pre>{@code
 * class MyStoreWatermarkContractTest extends WatermarkContractTest {
 *     protected VigilStore createStore() { return new MyStore(...); } // a fresh, empty store
 * }
 * }</pre>
 */
public abstract class WatermarkContractTest extends StoreContract {

    @Test
    void theWatermarkOnlyMovesForward() {
        assertThat(store.watermark().lastEvaluated()).isEmpty();
        store.watermark().evaluated(T0);
        assertThat(store.watermark().lastEvaluated()).contains(T0);
        store.watermark().evaluated(T0.plusMillis(1500));
        assertThat(store.watermark().lastEvaluated()).contains(T0.plusMillis(1500));
        store.watermark().evaluated(T0.minusSeconds(60));
        assertThat(store.watermark().lastEvaluated()).contains(T0.plusMillis(1500));
    }

    @Test
    void racingInstancesLeaveTheLatestInstant() throws Exception {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        ContractFixtures.race(8, () -> {
            int i = n.incrementAndGet();
            for (int j = 0; j < 50; j++) {
                store.watermark().evaluated(T0.plusSeconds(i * 100L + j));
            }
            return i;
        });
        assertThat(store.watermark().lastEvaluated()).contains(T0.plusSeconds(849));
    }

    @Test
    void gapsEndingAtOrAfterTheTimeComeBackOldestFirst() {
        assertThat(store.watermark().gaps(T0.minusSeconds(100_000))).isEmpty();
        Gap late = new Gap(T0.plusSeconds(500), T0.plusSeconds(600));
        Gap early = new Gap(T0.minusSeconds(600), T0.minusSeconds(500));
        Gap middle = new Gap(T0.minusSeconds(10), T0.plusMillis(10));
        store.watermark().addGap(late);
        store.watermark().addGap(early);
        store.watermark().addGap(middle);
        assertThat(store.watermark().gaps(T0.minusSeconds(1000))).containsExactly(early, middle, late);
        assertThat(store.watermark().gaps(T0.minusSeconds(500))).as("ends at the time: included")
                .containsExactly(early, middle, late);
        assertThat(store.watermark().gaps(T0.minusSeconds(499))).containsExactly(middle, late);
        assertThat(store.watermark().gaps(T0.plusSeconds(601))).isEmpty();
    }

    @Test
    void anEmptyGapIsKept() {
        Instant at = T0.plusSeconds(5);
        store.watermark().addGap(new Gap(at, at));
        assertThat(store.watermark().gaps(T0)).containsExactly(new Gap(at, at));
    }
}
