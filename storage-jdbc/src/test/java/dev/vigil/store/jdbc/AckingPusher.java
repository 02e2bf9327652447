package dev.vigil.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.Vigil;
import dev.vigil.monitor.AlertOn;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.testkit.ManualClock;
import java.time.Duration;

/**
 * A host process for {@link CrashDurabilityContract}, run in a child JVM until it is killed: it creates monitors,
 * then pushes to them from several threads, round after round, and prints {@code ACK <monitor id> <round>} after
 * each push that Vigil acknowledged. Every fourth round is a failure ({@code status=fail}: UP to DOWN, with a
 * notification for channel {@code ops}), the round after it a recovery; the rest are plain pushes that take the
 * group-commit path.
 *
 * <p>Arguments: JDBC URL, user ({@code -} for none), schema ({@code -} for the connection's own), monitors,
 * threads. The URL is used as given, as a host application would pass it.
 */
public final class AckingPusher {
    private AckingPusher() {
    }

    /** Whether the push of {@code round} (1, 2, ...) to a monitor is a failure. */
    static boolean fails(int round) {
        return round % 4 == 0;
    }

    static PushMonitorSpec spec(int k) {
        return PushMonitorSpec.named("m" + k).expectedInterval(Duration.ofDays(1)).notify("ops")
                .alertOn(AlertOn.DOWN).build();
    }

    public static void main(String[] args) throws Exception {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(args[0]);
        if (!args[1].equals("-")) {
            c.setUsername(args[1]);
        }
        int monitors = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        c.setMaximumPoolSize(threads + 2);
        c.setMinimumIdle(1); // the pool opens connections while the pushers run, as pools do when load comes
        HikariDataSource pool = new HikariDataSource(c);
        JdbcStore store = JdbcStore.builder(pool).schema(args[2].equals("-") ? null : args[2]).build();
        Vigil vigil = Vigil.builder().store(store).clock(ManualClock.at("2025-01-15T12:00:00Z"))
                .notifier(n -> { }).channel("ops", n -> { }).build();
        long[] ids = new long[monitors];
        String[] secrets = new String[monitors];
        for (int k = 0; k < monitors; k++) {
            CreatedMonitor m = vigil.monitors().create(spec(k));
            ids[k] = m.id();
            secrets[k] = m.secret();
        }
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread pusher = new Thread(() -> {
                for (int round = 1; ; round++) {
                    for (int k = first; k < monitors; k += threads) {
                        Payload p = fails(round) ? Payload.status("fail") : Payload.EMPTY;
                        if (!vigil.monitors().push(ids[k], secrets[k], p).isAccepted()) {
                            throw new IllegalStateException("push refused");
                        }
                        ack(ids[k], round);
                    }
                }
            }, "pusher-" + t);
            pusher.start();
        }
    }

    private static synchronized void ack(long id, int round) {
        System.out.println("ACK " + id + " " + round);
        System.out.flush();
    }
}
