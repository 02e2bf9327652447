package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.monitor.MonitorStatus;
import dev.vigil.notify.Decision;
import dev.vigil.notify.SubjectKind;
import dev.vigil.notify.Transition;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import dev.vigil.spi.StoredMonitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link dev.vigil.spi.OutboxStore} contract. Entries are written through a monitor's compare-and-set. */
public abstract class OutboxStoreContractTest extends StoreContract {
    private static final Instant T0 = MonitorStoreContractTest.T0;
    private static final Duration LEASE = Duration.ofSeconds(30);

    /** Writes {@code n} transitions of one monitor, one outbox entry each, at T0, T0+1s, ... */
    private List<OutboxEntry> write(int n) {
        StoredMonitor m = store.monitors().insert(MonitorStoreContractTest.spec("m"), "sha256:x",
                MonitorStoreContractTest.state(MonitorStatus.UP, null), T0);
        List<OutboxEntry> entries = new ArrayList<>();
        StoredMonitor current = m;
        for (int i = 0; i < n; i++) {
            Transition t = new Transition(MonitorStoreContractTest.newId(), SubjectKind.PUSH_MONITOR, m.id(), "m",
                    MonitorStatus.UP, MonitorStatus.DOWN, T0.plusSeconds(i), "why", Decision.SENT, "ops");
            OutboxEntry e = OutboxEntry.pending(MonitorStoreContractTest.newId(), "ops", t);
            StoredMonitor next = current.withState(current.state());
            assertThat(store.monitors().compareAndSet(next, List.of(t), List.of(e))).isTrue();
            current = next;
            entries.add(e);
        }
        return entries;
    }

    @Test
    void claimsDueEntriesOldestFirstAndLeasesThem() {
        List<OutboxEntry> e = write(3);
        assertThat(store.outbox().claim(T0.minusSeconds(1), LEASE, 10)).isEmpty();
        assertThat(store.outbox().claim(T0.plusSeconds(1), LEASE, 10)).extracting(OutboxEntry::id)
                .containsExactly(e.get(0).id(), e.get(1).id());
        assertThat(store.outbox().claim(T0.plusSeconds(2), LEASE, 10)).extracting(OutboxEntry::id)
                .containsExactly(e.get(2).id());
        assertThat(store.outbox().claim(T0.plusSeconds(2), LEASE, 10)).isEmpty();
    }

    @Test
    void anExpiredLeaseMakesTheEntryClaimableAgain() {
        OutboxEntry e = write(1).get(0);
        assertThat(store.outbox().claim(T0, Duration.ZERO, 10)).hasSize(1);
        assertThat(store.outbox().claim(T0.plusSeconds(1), LEASE, 10)).extracting(OutboxEntry::id).containsExactly(e.id());
    }

    @Test
    void claimHonoursTheLimit() {
        write(5);
        assertThat(store.outbox().claim(T0.plusSeconds(10), LEASE, 2)).hasSize(2);
        assertThat(store.outbox().claim(T0.plusSeconds(10), LEASE, 10)).hasSize(3);
    }

    @Test
    void deliveredEntriesAreDoneAndCountTheAttempt() {
        OutboxEntry e = write(1).get(0);
        store.outbox().claim(T0, LEASE, 10);
        store.outbox().markDelivered(e.id(), T0.plusSeconds(1));
        OutboxEntry done = store.outbox().find(e.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(OutboxStatus.DELIVERED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.deliveredAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(done.transition()).isEqualTo(e.transition());
        assertThat(store.outbox().claim(T0.plus(Duration.ofDays(1)), LEASE, 10)).isEmpty();
    }

    @Test
    void rescheduledEntriesComeBackAtTheirTime() {
        OutboxEntry e = write(1).get(0);
        store.outbox().claim(T0, LEASE, 10);
        store.outbox().reschedule(e.id(), T0.plusSeconds(100), "HTTP 500");
        OutboxEntry r = store.outbox().find(e.id()).orElseThrow();
        assertThat(r.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.lastError()).isEqualTo("HTTP 500");
        assertThat(r.nextAttemptAt()).isEqualTo(T0.plusSeconds(100));
        assertThat(store.outbox().claim(T0.plusSeconds(99), LEASE, 10)).isEmpty();
        assertThat(store.outbox().earliestDue()).hasValueSatisfying(
                at -> assertThat(at).isBeforeOrEqualTo(T0.plusSeconds(100)));
        assertThat(store.outbox().claim(T0.plusSeconds(100), LEASE, 10)).extracting(OutboxEntry::attempts)
                .containsExactly(1);
    }

    @Test
    void failedEntriesAreKeptAndCanBeRequeued() {
        OutboxEntry e = write(1).get(0);
        store.outbox().claim(T0, LEASE, 10);
        store.outbox().markFailed(e.id(), T0.plusSeconds(1), "gave up");
        assertThat(store.outbox().list(OutboxStatus.FAILED, 10)).extracting(OutboxEntry::id).containsExactly(e.id());
        assertThat(store.outbox().claim(T0.plus(Duration.ofDays(1)), LEASE, 10)).isEmpty();

        assertThat(store.outbox().requeue(e.id(), T0.plusSeconds(5))).isTrue();
        assertThat(store.outbox().requeue(e.id(), T0.plusSeconds(5))).isFalse(); // not FAILED any more
        assertThat(store.outbox().claim(T0.plusSeconds(5), LEASE, 10)).extracting(OutboxEntry::id)
                .containsExactly(e.id());
        assertThat(store.outbox().requeue("no-such-entry", T0)).isFalse();
    }

    @Test
    void listIsNewestFirstAndFiltersByStatus() {
        List<OutboxEntry> e = write(3);
        store.outbox().claim(T0.plusSeconds(5), LEASE, 10);
        store.outbox().markDelivered(e.get(1).id(), T0.plusSeconds(5));
        assertThat(store.outbox().list(null, 10)).extracting(OutboxEntry::id)
                .containsExactly(e.get(2).id(), e.get(1).id(), e.get(0).id());
        assertThat(store.outbox().list(OutboxStatus.PENDING, 10)).extracting(OutboxEntry::id)
                .containsExactly(e.get(2).id(), e.get(0).id());
        assertThat(store.outbox().list(null, 1)).hasSize(1);
        assertThat(store.outbox().find("missing")).isEmpty();
    }
}
