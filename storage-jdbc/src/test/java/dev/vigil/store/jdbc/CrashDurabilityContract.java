package dev.vigil.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.monitor.MonitorStatus;
import dev.vigil.monitor.PushMonitor;
import dev.vigil.model.Transition;
import dev.vigil.spi.OutboxEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * An acknowledged push survives the process being killed: a child JVM ({@link AckingPusher}) pushes and prints
 * each acknowledgement, is killed with {@code kill -9} while it keeps pushing, and a store opened again on the same
 * database must hold every acknowledged push, its state changes and their notifications. Each dialect's test
 * extends this with its database.
 */
abstract class CrashDurabilityContract {
    private static final int MONITORS = 64;
    private static final int THREADS = 8;
    /** Acknowledgements to see before the kill: about 8 rounds per monitor, two DOWN periods each. */
    private static final int ACKS = MONITORS * 8;

    /** JDBC URL, user and schema for {@link AckingPusher} ({@code -} for none). */
    protected abstract List<String> database();

    /** A store on the same database, opened after the child died. */
    protected abstract JdbcStore reopen();

    @Test
    void everyAcknowledgedPushIsThereAfterKill9() throws Exception {
        Map<Long, Integer> acked = new HashMap<>(); // monitor id -> last acknowledged round
        List<String> args = new ArrayList<>(database());
        args.add(Integer.toString(MONITORS));
        args.add(Integer.toString(THREADS));
        try (ChildJvm child = ChildJvm.start(AckingPusher.class, args.toArray(String[]::new))) {
            int[] seen = {0};
            child.awaitLine(line -> {
                if (line.startsWith("ACK ")) {
                    String[] f = line.split(" ");
                    acked.merge(Long.parseLong(f[1]), Integer.parseInt(f[2]), Math::max);
                    seen[0]++;
                }
                return seen[0] >= ACKS;
            }, Duration.ofMinutes(2));
            child.kill(); // at once, while its threads go on pushing
        }
        assertThat(acked).hasSize(MONITORS);

        try (JdbcStore store = reopen(); Vigil vigil = Vigil.builder().store(store).build()) {
            Map<String, Set<String>> opsNotified = store.outbox().list(null, Integer.MAX_VALUE).stream()
                    .filter(e -> e.channel().equals("ops"))
                    .collect(Collectors.groupingBy(e -> e.transition().subjectName(),
                            Collectors.mapping(e -> e.transition().id(), Collectors.toSet())));
            List<String> lost = new ArrayList<>();
            for (Map.Entry<Long, Integer> a : acked.entrySet()) {
                PushMonitor m = vigil.monitors().get(a.getKey()).orElse(null);
                if (m == null) {
                    lost.add("monitor " + a.getKey() + " is gone (acknowledged up to push " + a.getValue() + ")");
                    continue;
                }
                int pushes = (int) m.pushCount(); // may be more than acknowledged: the child went on pushing
                if (pushes < a.getValue()) {
                    lost.add(m.name() + ": " + pushes + " pushes stored, " + a.getValue() + " acknowledged");
                    continue;
                }
                // what was stored is whole: the state, every transition and every DOWN notification of its pushes
                List<Transition> history = vigil.monitors().history(m.id(), 1000);
                List<MonitorStatus> expected = expectedTransitions(pushes);
                assertThat(history).as(m.name()).extracting(Transition::to)
                        .containsExactlyElementsOf(expected.stream().map(MonitorStatus::name).toList());
                assertThat(m.status()).as(m.name()).isEqualTo(expected.get(0));
                Set<String> downs = history.stream().filter(t -> t.to().equals("DOWN")).map(Transition::id)
                        .collect(Collectors.toSet());
                assertThat(opsNotified.getOrDefault(m.name(), Set.of())).as(m.name() + "'s DOWN notifications")
                        .isEqualTo(downs);
            }
            assertThat(lost).as("acknowledged pushes lost by kill -9").isEmpty();
        }
    }

    /** The transitions {@code pushes} rounds of {@link AckingPusher} cause, newest first. */
    private static List<MonitorStatus> expectedTransitions(int pushes) {
        List<MonitorStatus> newestFirst = new ArrayList<>();
        MonitorStatus status = MonitorStatus.NO_PUSH_YET;
        for (int round = 1; round <= pushes; round++) {
            MonitorStatus next = AckingPusher.fails(round) ? MonitorStatus.DOWN : MonitorStatus.UP;
            if (next != status) {
                newestFirst.add(0, next);
                status = next;
            }
        }
        return newestFirst;
    }
}
