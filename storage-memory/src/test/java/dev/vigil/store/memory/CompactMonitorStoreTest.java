package dev.vigil.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.internal.Secrets;
import dev.vigil.monitor.AlertOn;
import dev.vigil.monitor.DuplicateMonitorNameException;
import dev.vigil.monitor.MonitorStatus;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.model.Decision;
import dev.vigil.notify.SubjectKind;
import dev.vigil.model.Transition;
import dev.vigil.spi.MonitorState;
import dev.vigil.spi.StoredMonitor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * White-box tests of the memory store's compact representation: everything written comes back equal, whether
 * it is read from the hot set or materialized from the record, and in either form (compact or full).
 */
class CompactMonitorStoreTest {
    private static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);

    private final MemoryStore store = new MemoryStore();
    private final MemoryMonitorStore monitors = (MemoryMonitorStore) store.monitors();

    private static PushMonitorSpec spec(String name) {
        return PushMonitorSpec.named(name).expectedInterval(Duration.ofDays(1)).gracePeriod(Duration.ofHours(1))
                .build();
    }

    private static MonitorState state(MonitorStatus status, Instant at, @Nullable Instant due) {
        return new MonitorState(status, at, at, due == null ? null : due.minusMillis(1), due, null, 0, 3, 7, null,
                null, 0);
    }

    private StoredMonitor reread(long id) {
        StoredMonitor hot = monitors.find(id).orElseThrow();
        monitors.clearHotSet();
        StoredMonitor materialized = monitors.find(id).orElseThrow();
        assertThat(materialized).isEqualTo(hot);
        return materialized;
    }

    @Test
    void compactRecordsRoundTripEveryFieldFromTheHotSetAndFromTheRecord() {
        String hash = Secrets.hash(Secrets.generate());
        PushMonitorSpec full = PushMonitorSpec.named("Nightly \u00e9t\u00e9 \u2603").group("Maintenance")
                .schedule("30 2 * * *", ZoneId.of("Europe/Berlin")).gracePeriod(Duration.ofMinutes(90))
                .requirePayload(true).notify("ops", "mail").alertOn(AlertOn.DOWN).maxRuntime(Duration.ofMinutes(20))
                .failureThreshold(3).recoveryThreshold(2).enabled(false).repeatEvery(Duration.ofHours(4)).build();
        Instant t = Instant.parse("2025-03-30T00:59:59.123Z");
        MonitorState s = new MonitorState(MonitorStatus.DOWN, t, t.minusSeconds(5), t.plusSeconds(7),
                t.plusSeconds(8), t.minusSeconds(3), 4, 0, Long.MAX_VALUE / 3, "error", "disk full\nline two", 2);
        StoredMonitor m = monitors.insert(full, hash, s, T0);
        assertThat(reread(m.id())).isEqualTo(m);

        StoredMonitor next = m.withState(new MonitorState(MonitorStatus.UP, t, t, null, null, null, 0, 1, 8, null,
                null, 0));
        assertThat(monitors.compareAndSet(next, List.of(), List.of())).isTrue();
        assertThat(reread(m.id())).isEqualTo(next);
        StoredMonitor renamed = next.withSpecAndState(spec("other"), next.state());
        assertThat(monitors.compareAndSet(renamed, List.of(), List.of())).isTrue();
        assertThat(reread(m.id())).isEqualTo(renamed);
        assertThat(monitors.findByName("other")).contains(renamed);
        assertThat(monitors.findByName(full.name())).isEmpty();
    }

    @Test
    void whatCannotBeHeldCompactlyIsKeptAsItIsAndBackAgain() {
        String hash = Secrets.hash(Secrets.generate());
        StoredMonitor m = monitors.insert(spec("a"), hash, state(MonitorStatus.UP, T0, T0.plusSeconds(10)), T0);
        Instant subMillis = T0.plusNanos(1_234_567);
        StoredMonitor precise = m.withState(state(MonitorStatus.UP, subMillis, subMillis.plusSeconds(5)));
        assertThat(monitors.compareAndSet(precise, List.of(), List.of())).isTrue();
        assertThat(reread(m.id())).isEqualTo(precise);
        assertThat(monitors.claimDue(subMillis.plusSeconds(5).minusNanos(1), LEASE, 10)).isEmpty();
        assertThat(monitors.claimDue(subMillis.plusSeconds(5), LEASE, 10)).containsExactly(precise);

        StoredMonitor back = precise.withState(state(MonitorStatus.UP, T0.plusSeconds(20), null));
        assertThat(monitors.compareAndSet(back, List.of(), List.of())).isTrue();
        assertThat(reread(m.id())).isEqualTo(back);
        assertThat(monitors.shapeCount()).isEqualTo(1);

        // secret hashes that are not exactly what Secrets.hash produces are kept verbatim
        for (String odd : List.of("sha256:x", "plain", hash.substring(0, hash.length() - 1) + "B",
                hash.replace("sha256:", "SHA256:"))) {
            StoredMonitor current = monitors.find(m.id()).orElseThrow();
            StoredMonitor rotated = current.withSecretHash(odd);
            assertThat(monitors.compareAndSet(rotated, List.of(), List.of())).isTrue();
            assertThat(reread(m.id())).isEqualTo(rotated);
        }
    }

    @Test
    void equalShapesAreSharedAndForgottenWhenUnused() {
        String hash = Secrets.hash(Secrets.generate());
        List<StoredMonitor> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(monitors.insert(spec("m" + i), hash, state(MonitorStatus.NO_PUSH_YET, T0, null), T0));
        }
        assertThat(monitors.shapeCount()).isEqualTo(1);
        StoredMonitor changed = all.get(0).withSpecAndState(spec("m0").toBuilder().gracePeriod(Duration.ZERO)
                .build(), all.get(0).state());
        assertThat(monitors.compareAndSet(changed, List.of(), List.of())).isTrue();
        assertThat(monitors.shapeCount()).isEqualTo(2);
        for (StoredMonitor m : all) {
            assertThat(monitors.delete(m.id())).isTrue();
        }
        assertThat(monitors.shapeCount()).isZero();
        assertThat(monitors.list()).isEmpty();
    }

    @Test
    void historyKeepsOrderAndTheCapWhateverFormEachTransitionIsKeptIn() {
        StoredMonitor m = monitors.insert(spec("a"), Secrets.hash(Secrets.generate()),
                state(MonitorStatus.UP, T0, null), T0);
        List<Transition> written = new ArrayList<>();
        StoredMonitor current = m;
        int n = MemoryStore.HISTORY_PER_SUBJECT + 7;
        for (int i = 0; i < n; i++) {
            MonitorStatus from = i % 2 == 0 ? MonitorStatus.UP : MonitorStatus.DOWN;
            MonitorStatus to = i % 2 == 0 ? MonitorStatus.DOWN : MonitorStatus.UP;
            String id = i % 3 == 0 ? UUID.randomUUID().toString() : UUID.randomUUID().toString().replace("-", "");
            Instant at = i % 5 == 0 ? T0.plusNanos(i) : T0.plusMillis(i);
            Transition t = new Transition(id, SubjectKind.PUSH_MONITOR, m.id(), "name " + (i / 100), from, to, at,
                    "reason " + i, Decision.values()[i % Decision.values().length], "detail " + i);
            StoredMonitor next = current.withState(current.state());
            assertThat(monitors.compareAndSet(next, List.of(t), List.of())).isTrue();
            current = next;
            written.add(0, t);
            if (i < 3) {
                assertThat(store.transitions().recent(SubjectKind.PUSH_MONITOR, m.id(), 10))
                        .containsExactlyElementsOf(written);
            }
        }
        assertThat(store.transitions().recent(SubjectKind.PUSH_MONITOR, m.id(), n))
                .containsExactlyElementsOf(written.subList(0, MemoryStore.HISTORY_PER_SUBJECT));
        assertThat(store.transitions().recent(SubjectKind.PUSH_MONITOR, m.id(), 2))
                .containsExactlyElementsOf(written.subList(0, 2));
        monitors.delete(m.id());
        assertThat(store.transitions().recent(SubjectKind.PUSH_MONITOR, m.id(), 10)).isEmpty();
    }

    @Test
    void namesSurviveRandomInsertsRenamesAndDeletes() {
        Random random = new Random(42);
        Map<String, Long> model = new HashMap<>();
        Map<Long, String> byId = new HashMap<>();
        String hash = Secrets.hash(Secrets.generate());
        for (int op = 0; op < 5000; op++) {
            String name = "n" + random.nextInt(300);
            int kind = random.nextInt(3);
            if (kind == 0) {
                if (model.containsKey(name)) {
                    assertThatThrownBy(() -> monitors.insert(spec(name), hash,
                            state(MonitorStatus.NO_PUSH_YET, T0, null), T0))
                            .isInstanceOf(DuplicateMonitorNameException.class);
                } else {
                    StoredMonitor m = monitors.insert(spec(name), hash, state(MonitorStatus.NO_PUSH_YET, T0, null),
                            T0);
                    model.put(name, m.id());
                    byId.put(m.id(), name);
                }
            } else if (!byId.isEmpty()) {
                long id = new ArrayList<>(byId.keySet()).get(random.nextInt(byId.size()));
                if (kind == 1) {
                    StoredMonitor cur = monitors.find(id).orElseThrow();
                    StoredMonitor renamed = cur.withSpecAndState(spec(name), cur.state());
                    if (model.containsKey(name) && model.get(name) != id) {
                        assertThatThrownBy(() -> monitors.compareAndSet(renamed, List.of(), List.of()))
                                .isInstanceOf(DuplicateMonitorNameException.class);
                    } else {
                        assertThat(monitors.compareAndSet(renamed, List.of(), List.of())).isTrue();
                        model.remove(byId.get(id));
                        model.put(name, id);
                        byId.put(id, name);
                    }
                } else {
                    assertThat(monitors.delete(id)).isTrue();
                    model.remove(byId.remove(id));
                }
            }
        }
        for (int i = 0; i < 300; i++) {
            Long id = model.get("n" + i);
            assertThat(monitors.findByName("n" + i).map(StoredMonitor::id)).isEqualTo(java.util.Optional.ofNullable(id));
        }
        assertThat(monitors.list()).extracting(StoredMonitor::id).containsExactlyElementsOf(
                byId.keySet().stream().sorted().toList());
    }

    @Test
    void readersRacingDeletesNeverFail() throws Exception {
        String hash = Secrets.hash(Secrets.generate());
        AtomicLong latest = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                while (!done.get()) {
                    monitors.clearHotSet(); // so reads materialize from the record the deleter is working on
                    monitors.find(latest.get());
                    if (latest.get() % 64 == 0) {
                        monitors.list();
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        for (int i = 0; i < 50_000 && failure.get() == null; i++) {
            StoredMonitor m = monitors.insert(spec("r" + i), hash, state(MonitorStatus.UP, T0, T0.plusSeconds(i)), T0);
            latest.set(m.id());
            Thread.onSpinWait();
            monitors.delete(m.id());
        }
        done.set(true);
        reader.join();
        assertThat(failure.get()).isNull();
    }

    @Test
    void claimDueAgreesWithAModelUnderRandomWritesAndClaims() {
        Random random = new Random(7);
        String hash = Secrets.hash(Secrets.generate());
        Map<Long, Instant> due = new HashMap<>();
        Map<Long, Instant> leasedUntil = new HashMap<>();
        Instant now = T0;
        for (int i = 0; i < 200; i++) {
            Instant d = random.nextInt(4) == 0 ? null : T0.plusSeconds(random.nextInt(600));
            StoredMonitor m = monitors.insert(spec("m" + i), hash, state(MonitorStatus.UP, T0, d), T0);
            due.put(m.id(), d);
        }
        for (int op = 0; op < 3000; op++) {
            if (random.nextInt(3) > 0) {
                long id = 1 + random.nextInt(200);
                StoredMonitor cur = monitors.find(id).orElseThrow();
                Instant d = random.nextInt(5) == 0 ? null : now.plusSeconds(random.nextInt(300) - 100);
                assertThat(monitors.compareAndSet(cur.withState(state(MonitorStatus.UP, T0, d)), List.of(),
                        List.of())).isTrue();
                due.put(id, d);
                leasedUntil.remove(id); // a write releases a claim
            } else {
                now = now.plusSeconds(random.nextInt(30));
                Set<Long> expected = new HashSet<>();
                for (Map.Entry<Long, Instant> e : due.entrySet()) {
                    Instant lease = leasedUntil.get(e.getKey());
                    if (e.getValue() != null && !e.getValue().isAfter(now) && (lease == null || lease.isAfter(now)
                            == false)) {
                        expected.add(e.getKey());
                    }
                }
                List<StoredMonitor> claimed = monitors.claimDue(now, LEASE, 1000);
                Set<Long> got = new HashSet<>();
                for (StoredMonitor m : claimed) {
                    assertThat(got.add(m.id())).as("claimed twice").isTrue();
                    leasedUntil.put(m.id(), now.plus(LEASE));
                }
                assertThat(got).as("at %s", now).isEqualTo(expected);
                Instant earliest = monitors.earliestDue().orElse(null);
                for (Map.Entry<Long, Instant> e : due.entrySet()) {
                    if (e.getValue() != null && !leasedUntil.containsKey(e.getKey())) {
                        assertThat(earliest).isNotNull();
                        assertThat(earliest).isBeforeOrEqualTo(e.getValue());
                    }
                }
            }
        }
    }
}
