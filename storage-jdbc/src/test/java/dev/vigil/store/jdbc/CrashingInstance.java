package dev.vigil.store.jdbc;

import dev.vigil.Vigil;
import dev.vigil.notify.Notifier;
import dev.vigil.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A Vigil instance for {@link MultiInstancePostgresTest}'s crash case, run in a child JVM: it evaluates what is
 * due, claims the resulting notifications with a lease, announces {@code DELIVERING} on stdout and then hangs in
 * its first delivery until the test kills the process.
 *
 * <p>Arguments: JDBC URL, user, schema, {@code now} in epoch millis, lease in seconds.
 */
public final class CrashingInstance {
    private CrashingInstance() {
    }

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(args[0]);
        ds.setUser(args[1]);
        JdbcStore store = JdbcStore.builder(ds).schema(args[2]).build();
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(Long.parseLong(args[3])));
        Notifier hang = n -> {
            System.out.println("DELIVERING " + n.id());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        };
        Vigil vigil = Vigil.builder().store(store).clock(clock).notifier(hang).channel("ops", hang)
                .claimLease(Duration.ofSeconds(Long.parseLong(args[4]))).build();
        vigil.tick();
        System.out.println("UNEXPECTED: tick returned");
    }
}
