package dev.vigil.testkit;

import static dev.vigil.testkit.ContractFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Silence;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link dev.vigil.spi.SilenceStore} contract.
 *
 * <p>A store module runs it by extending it and implementing {@link #createStore()}:
 * <pre>{@code
 * class MyStoreSilenceStoreContractTest extends SilenceStoreContractTest {
 *     protected VigilStore createStore() { return new MyStore(...); } // a fresh, empty store
 * }
 * }</pre>
 */
public abstract class SilenceStoreContractTest extends StoreContract {

    private static Silence silence(String id, java.time.Instant createdAt) {
        return new Silence(id, List.of(LabelMatcher.parse("group=Maintenance"), LabelMatcher.parse("name!~tmp-.*"),
                LabelMatcher.parse("kind=~push_.*"), LabelMatcher.parse("env!=prod")),
                T0, T0.plusSeconds(3600), "alice", "planned \u00e9 work", createdAt);
    }

    @Test
    void roundTripsAndListsNewestFirst() {
        Silence a = silence("a", T0);
        Silence b = silence("b", T0.plusSeconds(5));
        Silence c = silence("c", T0.plusMillis(2500));
        store.silences().insert(a);
        store.silences().insert(b);
        store.silences().insert(c);
        assertThat(store.silences().find("a")).contains(a);
        assertThat(store.silences().find("zzz")).isEmpty();
        assertThat(store.silences().list()).containsExactly(b, c, a);
    }

    @Test
    void updateReplacesAnExistingSilenceOnly() {
        Silence a = silence("a", T0);
        store.silences().insert(a);
        Silence expired = a.expiredAt(T0.plusSeconds(60));
        assertThat(store.silences().update(expired)).isTrue();
        assertThat(store.silences().find("a")).contains(expired);
        assertThat(store.silences().update(silence("missing", T0))).isFalse();
        assertThat(store.silences().find("missing")).isEmpty();
        assertThat(store.silences().list()).containsExactly(expired);
    }

    @Test
    void anEmptyStoreHasNoSilences() {
        assertThat(store.silences().list()).isEmpty();
    }
}
