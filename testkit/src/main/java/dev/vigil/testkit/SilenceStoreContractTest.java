package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.notify.LabelMatcher;
import dev.vigil.notify.Silence;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link dev.vigil.spi.SilenceStore} contract. */
public abstract class SilenceStoreContractTest extends StoreContract {
    private static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");

    private static Silence silence(String id, Instant createdAt) {
        return new Silence(id, List.of(LabelMatcher.parse("group=Maintenance"), LabelMatcher.parse("name!~tmp-.*")),
                T0, T0.plusSeconds(3600), "alice", "planned \u00e9 work", createdAt);
    }

    @Test
    void roundTripsAndListsNewestFirst() {
        Silence a = silence("a", T0);
        Silence b = silence("b", T0.plusSeconds(5));
        store.silences().insert(a);
        store.silences().insert(b);
        assertThat(store.silences().find("a")).contains(a);
        assertThat(store.silences().find("zzz")).isEmpty();
        assertThat(store.silences().list()).containsExactly(b, a);
    }

    @Test
    void updateReplacesAnExistingSilenceOnly() {
        Silence a = silence("a", T0);
        store.silences().insert(a);
        Silence expired = a.expiredAt(T0.plusSeconds(60));
        assertThat(store.silences().update(expired)).isTrue();
        assertThat(store.silences().find("a")).contains(expired);
        assertThat(store.silences().update(silence("missing", T0))).isFalse();
        assertThat(store.silences().list()).hasSize(1);
    }

    @Test
    void nulInSilenceTextIsStoredAsReplacementCharacters() {
        ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
        try (Vigil vigil = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).build()) {
            Silence s = vigil.silences().create(List.of(LabelMatcher.parse("group=Maintenance")), T0,
                    T0.plusSeconds(3600), "alice\u0000", "planned\u0000 work \udcbe");
            assertThat(s.createdBy()).isEqualTo("alice\ufffd");
            assertThat(s.comment()).isEqualTo("planned\ufffd work \ufffd");
            assertThat(store.silences().find(s.id())).contains(s);
            assertThat(vigil.silences().list(true)).containsExactly(s);
        }
    }
}
