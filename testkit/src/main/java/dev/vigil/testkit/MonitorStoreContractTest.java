package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.monitor.DuplicateMonitorNameException;
import dev.vigil.monitor.MonitorStatus;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.notify.Decision;
import dev.vigil.notify.SubjectKind;
import dev.vigil.notify.Transition;
import dev.vigil.spi.MonitorState;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.StoredMonitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The {@link dev.vigil.spi.MonitorStore} contract. */
public abstract class MonitorStoreContractTest extends StoreContract {
    protected static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);

    protected static PushMonitorSpec spec(String name) {
        return PushMonitorSpec.named(name).expectedInterval(Duration.ofDays(1)).gracePeriod(Duration.ofHours(1))
                .notify("ops").build();
    }

    protected static MonitorState state(MonitorStatus status, @Nullable Instant nextDueAt) {
        return new MonitorState(status, T0, T0, nextDueAt == null ? null : nextDueAt.minusMillis(1), nextDueAt, null,
                0, 0, 7, "success", "ok", 0);
    }

    protected static String newId() {
        return java.util.UUID.randomUUID().toString().replace("-", "");
    }

    private StoredMonitor insert(String name, @Nullable Instant due) {
        return store.monitors().insert(spec(name), "sha256:x", state(MonitorStatus.UP, due), T0);
    }

    private static Transition transition(StoredMonitor m, MonitorStatus from, MonitorStatus to, Instant at) {
        return new Transition(newId(), SubjectKind.PUSH_MONITOR, m.id(), m.spec().name(), from,
                to, at, "because", Decision.SENT, "ops");
    }

    @Test
    void insertAssignsDistinctPositiveIdsAndVersionOne() {
        StoredMonitor a = insert("a", null);
        StoredMonitor b = insert("b", null);
        assertThat(a.id()).isPositive();
        assertThat(b.id()).isNotEqualTo(a.id());
        assertThat(a.version()).isEqualTo(1);
        assertThat(store.monitors().find(a.id())).contains(a);
        assertThat(store.monitors().findByName("b")).contains(b);
        assertThat(store.monitors().list()).extracting(StoredMonitor::id).containsExactly(a.id(), b.id());
    }

    @Test
    void roundTripsEveryField() {
        PushMonitorSpec full = PushMonitorSpec.named("Nightly \u00e9t\u00e9 \u2603").group("Maintenance Tasks")
                .schedule("30 2 * * *", java.time.ZoneId.of("Europe/Berlin")).gracePeriod(Duration.ofMinutes(90))
                .requirePayload(true).notify("ops", "admin_email").alertOn(dev.vigil.monitor.AlertOn.DOWN)
                .maxRuntime(Duration.ofMinutes(20)).failureThreshold(3).recoveryThreshold(2).enabled(false)
                .repeatEvery(Duration.ofHours(4)).build();
        Instant t = Instant.parse("2025-03-30T00:59:59.123Z");
        MonitorState s = new MonitorState(MonitorStatus.DOWN, t, t.minusSeconds(5), t.plusSeconds(7), t.plusSeconds(8),
                t.minusSeconds(3), 4, 0, Long.MAX_VALUE / 3, "error", "disk full\nline two", 3);
        StoredMonitor m = store.monitors().insert(full, "sha256:abc", s, T0);
        assertThat(store.monitors().find(m.id())).contains(m);
    }

    @Test
    void unknownIdsAreEmpty() {
        assertThat(store.monitors().find(424242)).isEmpty();
        assertThat(store.monitors().findByName("nope")).isEmpty();
        assertThat(store.monitors().delete(424242)).isFalse();
    }

    @Test
    void namesAreUnique() {
        insert("same", null);
        assertThatThrownBy(() -> insert("same", null)).isInstanceOf(DuplicateMonitorNameException.class);
        assertThat(store.monitors().list()).hasSize(1);
    }

    @Test
    void compareAndSetWritesStateTransitionsAndOutboxTogether() {
        StoredMonitor m = insert("a", T0.plusSeconds(10));
        StoredMonitor down = m.withState(state(MonitorStatus.DOWN, null));
        Transition t = transition(m, MonitorStatus.UP, MonitorStatus.DOWN, T0.plusSeconds(11));
        OutboxEntry e = OutboxEntry.pending(newId(), "ops", t);

        assertThat(store.monitors().compareAndSet(down, List.of(t), List.of(e))).isTrue();

        assertThat(store.monitors().find(m.id())).contains(down);
        assertThat(store.transitions().recent(SubjectKind.PUSH_MONITOR, m.id(), 10)).containsExactly(t);
        assertThat(store.outbox().find(e.id())).contains(e);
    }

    @Test
    void compareAndSetWithAStaleVersionWritesNothing() {
        StoredMonitor m = insert("a", null);
        StoredMonitor first = m.withState(state(MonitorStatus.DOWN, null));
        assertThat(store.monitors().compareAndSet(first, List.of(), List.of())).isTrue();

        StoredMonitor stale = m.withState(state(MonitorStatus.UP, null)); // also version 2
        Transition t = transition(m, MonitorStatus.DOWN, MonitorStatus.UP, T0);
        OutboxEntry e = OutboxEntry.pending(newId(), "ops", t);
        assertThat(store.monitors().compareAndSet(stale, List.of(t), List.of(e))).isFalse();

        assertThat(store.monitors().find(m.id())).contains(first);
        assertThat(store.transitions().recent(SubjectKind.PUSH_MONITOR, m.id(), 10)).isEmpty();
        assertThat(store.outbox().find(e.id())).isEmpty();
    }

    @Test
    void compareAndSetOnADeletedMonitorFails() {
        StoredMonitor m = insert("a", null);
        assertThat(store.monitors().delete(m.id())).isTrue();
        assertThat(store.monitors().compareAndSet(m.withState(m.state()), List.of(), List.of())).isFalse();
        assertThat(store.monitors().find(m.id())).isEmpty();
        assertThat(store.monitors().findByName("a")).isEmpty();
    }

    @Test
    void renamingKeepsNamesUnique() {
        StoredMonitor a = insert("a", null);
        insert("b", null);
        StoredMonitor toB = a.withSpecAndState(spec("b"), a.state());
        assertThatThrownBy(() -> store.monitors().compareAndSet(toB, List.of(), List.of()))
                .isInstanceOf(DuplicateMonitorNameException.class);
        StoredMonitor toC = a.withSpecAndState(spec("c"), a.state());
        assertThat(store.monitors().compareAndSet(toC, List.of(), List.of())).isTrue();
        assertThat(store.monitors().findByName("c")).contains(toC);
        assertThat(store.monitors().findByName("a")).isEmpty();
        insert("a", null); // the old name is free again
    }

    @Test
    void historyIsNewestFirstAndLimited() {
        StoredMonitor m = insert("a", null);
        List<Transition> written = new ArrayList<>();
        StoredMonitor current = m;
        for (int i = 0; i < 5; i++) {
            Transition t = transition(m, MonitorStatus.UP, MonitorStatus.DOWN, T0.plusSeconds(i));
            StoredMonitor next = current.withState(current.state());
            assertThat(store.monitors().compareAndSet(next, List.of(t), List.of())).isTrue();
            current = next;
            written.add(0, t);
        }
        assertThat(store.transitions().recent(SubjectKind.PUSH_MONITOR, m.id(), 3)).containsExactlyElementsOf(
                written.subList(0, 3));
        assertThat(store.transitions().recent(SubjectKind.PUSH_MONITOR, m.id() + 1000, 3)).isEmpty();
    }

    @Test
    void claimDueReturnsOnlyWhatIsDueEarliestFirst() {
        StoredMonitor late = insert("late", T0.plusSeconds(30));
        StoredMonitor early = insert("early", T0.plusSeconds(10));
        insert("future", T0.plusSeconds(3600));
        insert("never", null);

        assertThat(store.monitors().claimDue(T0, LEASE, 100)).isEmpty();
        assertThat(store.monitors().earliestDue()).hasValueSatisfying(
                at -> assertThat(at).isBeforeOrEqualTo(T0.plusSeconds(10)));
        assertThat(store.monitors().claimDue(T0.plusSeconds(30), LEASE, 100)).extracting(StoredMonitor::id)
                .containsExactly(early.id(), late.id());
    }

    @Test
    void claimDueHonoursTheLimit() {
        for (int i = 0; i < 5; i++) {
            insert("m" + i, T0.plusSeconds(i));
        }
        Instant now = T0.plusSeconds(10);
        List<StoredMonitor> first = store.monitors().claimDue(now, LEASE, 2);
        List<StoredMonitor> second = store.monitors().claimDue(now, LEASE, 2);
        List<StoredMonitor> third = store.monitors().claimDue(now, LEASE, 2);
        assertThat(first).hasSize(2);
        assertThat(second).hasSize(2);
        assertThat(third).hasSize(1);
        Set<Long> ids = new HashSet<>();
        for (List<StoredMonitor> batch : List.of(first, second, third)) {
            batch.forEach(m -> ids.add(m.id()));
        }
        assertThat(ids).hasSize(5);
    }

    @Test
    void aClaimedMonitorIsNotClaimedAgainUntilItsLeaseRunsOut() {
        StoredMonitor m = insert("a", T0);
        Instant now = T0.plusSeconds(1);
        assertThat(store.monitors().claimDue(now, LEASE, 10)).extracting(StoredMonitor::id).containsExactly(m.id());
        assertThat(store.monitors().claimDue(now, LEASE, 10)).isEmpty();
        assertThat(store.monitors().claimDue(now.plus(LEASE).plusSeconds(1), LEASE, 10)).extracting(StoredMonitor::id)
                .containsExactly(m.id());
    }

    @Test
    void aMonitorPushedPastItsDeadlineIsNotDue() {
        StoredMonitor m = insert("a", T0.plusSeconds(10));
        StoredMonitor pushed = m.withState(state(MonitorStatus.UP, T0.plusSeconds(100)));
        assertThat(store.monitors().compareAndSet(pushed, List.of(), List.of())).isTrue();
        assertThat(store.monitors().claimDue(T0.plusSeconds(50), LEASE, 10)).isEmpty();
        assertThat(store.monitors().claimDue(T0.plusSeconds(100), LEASE, 10)).extracting(StoredMonitor::version)
                .containsExactly(2L);
    }

    @Test
    void anEarlierDeadlineIsSeen() {
        StoredMonitor m = insert("a", T0.plusSeconds(1000));
        StoredMonitor sooner = m.withState(state(MonitorStatus.UP, T0.plusSeconds(5)));
        assertThat(store.monitors().compareAndSet(sooner, List.of(), List.of())).isTrue();
        assertThat(store.monitors().earliestDue()).hasValueSatisfying(
                at -> assertThat(at).isBeforeOrEqualTo(T0.plusSeconds(5)));
        assertThat(store.monitors().claimDue(T0.plusSeconds(5), LEASE, 10)).hasSize(1);
    }

    @Test
    void deletedAndDeadlineFreeMonitorsAreNeverDue() {
        StoredMonitor a = insert("a", T0);
        StoredMonitor b = insert("b", T0);
        store.monitors().delete(a.id());
        assertThat(store.monitors().compareAndSet(b.withState(state(MonitorStatus.DOWN, null)), List.of(), List.of()))
                .isTrue();
        assertThat(store.monitors().claimDue(T0.plusSeconds(3600), LEASE, 10)).isEmpty();
    }
}
