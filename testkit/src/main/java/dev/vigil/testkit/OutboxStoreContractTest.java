package dev.vigil.testkit;

import static dev.vigil.testkit.ContractFixtures.T0;
import static dev.vigil.testkit.ContractFixtures.assertDueNoLaterThan;
import static dev.vigil.testkit.ContractFixtures.newId;
import static dev.vigil.testkit.ContractFixtures.next;
import static dev.vigil.testkit.ContractFixtures.subject;
import static dev.vigil.testkit.ContractFixtures.transition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Transition;
import dev.vigil.spi.Commit;
import dev.vigil.spi.Destination;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import dev.vigil.spi.StoredSubject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link dev.vigil.spi.OutboxStore} contract: entries written by subject writes are claimed oldest first with a
 * lease and a token, every mark is fenced by that token, attempts are counted, dead letters can be requeued.
 *
 * <p>A store module runs it by extending it and implementing {@link #createStore()}:
 * <pre>{@code
 * class MyStoreOutboxStoreContractTest extends OutboxStoreContractTest {
 *     protected VigilStore createStore() { return new MyStore(...); } // a fresh, empty store
 * }
 * }</pre>
 */
public abstract class OutboxStoreContractTest extends StoreContract {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private StoredSubject current;

    @BeforeEach
    void insertSubject() {
        current = subject("outbox-subject", null);
        assertThat(store.subjects().insert(current, Commit.NONE)).isTrue();
    }

    /** Writes one entry per call through a compare-and-set, its transition at {@code at}. */
    private OutboxEntry write(Instant at, @Nullable String address) {
        Transition t = transition(current.ref(), at);
        OutboxEntry e = OutboxEntry.pending(newId(), address == null ? "ops" : "slack", address, t);
        StoredSubject next = next(current);
        assertThat(store.subjects().compareAndSet(next, new Commit(List.of(t), List.of(e), null))).isTrue();
        current = next;
        return e;
    }

    /** Writes {@code n} entries due at T0, T0+1s, ... */
    private List<OutboxEntry> write(int n) {
        List<OutboxEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(write(T0.plusSeconds(i), null));
        }
        return entries;
    }

    private OutboxEntry stored(OutboxEntry e) {
        return store.outbox().find(e.id()).orElseThrow();
    }

    private String claimOne(Instant now) {
        List<OutboxEntry> claimed = store.outbox().claim(now, LEASE, 1);
        assertThat(claimed).hasSize(1);
        return claimed.get(0).claimToken();
    }

    @Test
    void aWrittenEntryRoundTrips() {
        OutboxEntry named = write(T0, null);
        OutboxEntry addressed = write(T0.plusSeconds(1), "#ops-alerts");
        for (OutboxEntry e : List.of(named, addressed)) {
            OutboxEntry s = stored(e);
            assertThat(s.id()).isEqualTo(e.id());
            assertThat(s.channel()).isEqualTo(e.channel());
            assertThat(s.address()).isEqualTo(e.address());
            assertThat(s.transition()).isEqualTo(e.transition());
            assertThat(s.status()).isEqualTo(OutboxStatus.PENDING);
            assertThat(s.attempts()).isZero();
            assertThat(s.nextAttemptAt()).isEqualTo(e.nextAttemptAt());
            assertThat(s.createdAt()).isEqualTo(e.createdAt());
            assertThat(s.lastError()).isNull();
            assertThat(s.deliveredAt()).isNull();
        }
        assertThat(store.outbox().find("no-such-entry")).isEmpty();
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
    void claimedEntriesCarryTheirContentAndOneNewTokenPerClaim() {
        List<OutboxEntry> e = write(3);
        List<OutboxEntry> first = store.outbox().claim(T0.plusSeconds(1), LEASE, 10);
        List<OutboxEntry> second = store.outbox().claim(T0.plusSeconds(2), LEASE, 10);
        assertThat(first).hasSize(2);
        assertThat(second).hasSize(1);
        assertThat(first).allSatisfy(c -> assertThat(c.claimToken()).isNotBlank());
        assertThat(first.get(0).claimToken()).isEqualTo(first.get(1).claimToken());
        assertThat(second.get(0).claimToken()).isNotBlank().isNotEqualTo(first.get(0).claimToken());
        assertThat(first.get(0).transition()).isEqualTo(e.get(0).transition());
        assertThat(first.get(0).channel()).isEqualTo("ops");
        assertThat(first.get(0).status()).isEqualTo(OutboxStatus.PENDING);
    }

    @Test
    void claimHonoursTheLimit() {
        write(5);
        assertThat(store.outbox().claim(T0.plusSeconds(10), LEASE, 2)).hasSize(2);
        assertThat(store.outbox().claim(T0.plusSeconds(10), LEASE, 10)).hasSize(3);
        assertThat(store.outbox().claim(T0.plusSeconds(10), LEASE, 10)).isEmpty();
    }

    @Test
    void claimSkipsTheGivenDestinations() {
        OutboxEntry named = write(T0, null);
        OutboxEntry ops = write(T0.plusSeconds(1), "#ops");
        OutboxEntry dev = write(T0.plusSeconds(2), "#dev");
        Instant now = T0.plusSeconds(10);
        assertThat(store.outbox().claim(now, LEASE, 10, Set.of(new Destination("ops", null),
                new Destination("slack", "#ops")))).extracting(OutboxEntry::id).containsExactly(dev.id());
        // a named channel's own destination and an address within another channel are different destinations
        assertThat(store.outbox().claim(now, LEASE, 10, Set.of(new Destination("slack", null))))
                .extracting(OutboxEntry::id).containsExactly(named.id(), ops.id());
        assertThat(named.destination()).isEqualTo(new Destination("ops", null));
    }

    @Test
    void anExpiredLeaseMakesTheEntryClaimableAgainWithANewToken() {
        OutboxEntry e = write(1).get(0);
        String first = claimOne(T0);
        assertThat(store.outbox().claim(T0.plus(LEASE).minusSeconds(1), LEASE, 10)).isEmpty();
        List<OutboxEntry> again = store.outbox().claim(T0.plus(LEASE).plusSeconds(1), LEASE, 10);
        assertThat(again).extracting(OutboxEntry::id).containsExactly(e.id());
        assertThat(again.get(0).claimToken()).isNotEqualTo(first);
    }

    @Test
    void deliveredEntriesAreDoneAndCountTheAttempt() {
        OutboxEntry e = write(T0, "#ops");
        String token = claimOne(T0);
        assertThat(store.outbox().markDelivered(e.id(), token, T0.plusSeconds(1))).isTrue();
        OutboxEntry done = stored(e);
        assertThat(done.status()).isEqualTo(OutboxStatus.DELIVERED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.deliveredAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(done.transition()).isEqualTo(e.transition());
        assertThat(done.address()).isEqualTo("#ops");
        assertThat(store.outbox().claim(T0.plus(Duration.ofDays(1)), LEASE, 10)).isEmpty();
    }

    @Test
    void rescheduledEntriesComeBackAtTheirTimeAndEndTheClaim() {
        OutboxEntry e = write(1).get(0);
        String token = claimOne(T0);
        assertThat(store.outbox().reschedule(e.id(), token, T0.plusSeconds(60), "HTTP 503")).isTrue();
        OutboxEntry r = stored(e);
        assertThat(r.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.lastError()).isEqualTo("HTTP 503");
        assertThat(r.nextAttemptAt()).isEqualTo(T0.plusSeconds(60));
        assertDueNoLaterThan(store.outbox().earliestDue(), T0.plusSeconds(60));
        assertThat(store.outbox().markDelivered(e.id(), token, T0.plusSeconds(1)))
                .as("the rescheduling ended the claim").isFalse();
        assertThat(store.outbox().claim(T0.plusSeconds(59), LEASE, 10)).isEmpty();
        String second = claimOne(T0.plusSeconds(60));
        assertThat(store.outbox().reschedule(e.id(), second, T0.plusSeconds(120), "timeout")).isTrue();
        assertThat(stored(e).attempts()).isEqualTo(2);
        assertThat(stored(e).lastError()).isEqualTo("timeout");
    }

    @Test
    void failedEntriesAreKeptAsDeadLettersAndCanBeRequeued() {
        OutboxEntry e = write(1).get(0);
        String token = claimOne(T0);
        assertThat(store.outbox().markFailed(e.id(), token, T0.plusSeconds(1), "HTTP 400")).isTrue();
        OutboxEntry failed = stored(e);
        assertThat(failed.status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("HTTP 400");
        assertThat(store.outbox().count(OutboxStatus.FAILED)).isEqualTo(1);
        assertThat(store.outbox().count(OutboxStatus.PENDING)).isZero();
        assertThat(store.outbox().claim(T0.plus(Duration.ofDays(1)), LEASE, 10)).isEmpty();

        assertThat(store.outbox().requeue(e.id(), T0.plusSeconds(100))).isTrue();
        OutboxEntry requeued = stored(e);
        assertThat(requeued.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(requeued.nextAttemptAt()).isEqualTo(T0.plusSeconds(100));
        assertThat(store.outbox().count(OutboxStatus.FAILED)).isZero();
        assertDueNoLaterThan(store.outbox().earliestDue(), T0.plusSeconds(100));
        assertThat(store.outbox().claim(T0.plusSeconds(99), LEASE, 10)).isEmpty();
        assertThat(store.outbox().claim(T0.plusSeconds(100), LEASE, 10)).extracting(OutboxEntry::id)
                .containsExactly(e.id());
    }

    @Test
    void onlyFailedEntriesCanBeRequeued() {
        List<OutboxEntry> e = write(2);
        assertThat(store.outbox().requeue(e.get(0).id(), T0)).as("pending").isFalse();
        List<OutboxEntry> claimed = store.outbox().claim(T0.plusSeconds(5), LEASE, 10);
        assertThat(store.outbox().markDelivered(e.get(0).id(), claimed.get(0).claimToken(), T0)).isTrue();
        assertThat(store.outbox().requeue(e.get(0).id(), T0)).as("delivered").isFalse();
        assertThat(store.outbox().requeue("no-such-entry", T0)).isFalse();
        assertThat(stored(e.get(0)).status()).isEqualTo(OutboxStatus.DELIVERED);
    }

    @Test
    void aStaleTokenChangesNothing() {
        OutboxEntry e = write(1).get(0);
        String stale = claimOne(T0);
        Instant later = T0.plus(LEASE).plusSeconds(1);
        String live = claimOne(later); // the lease ran out and another claim took the entry
        OutboxEntry before = stored(e);

        assertThat(store.outbox().markDelivered(e.id(), stale, later)).isFalse();
        assertThat(store.outbox().reschedule(e.id(), stale, later.plusSeconds(5), "late")).isFalse();
        assertThat(store.outbox().markFailed(e.id(), stale, later, "late")).isFalse();
        assertThat(store.outbox().renew(e.id(), stale, later.plusSeconds(600))).isFalse();

        OutboxEntry after = stored(e);
        assertThat(after.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(after.attempts()).isEqualTo(before.attempts()).isZero();
        assertThat(after.lastError()).isNull();
        assertThat(after.nextAttemptAt()).isEqualTo(before.nextAttemptAt());
        assertThat(store.outbox().claim(later.plus(LEASE).plusSeconds(1), LEASE, 10))
                .as("the stale renew did not extend the live claim").hasSize(1);
        assertThat(store.outbox().markDelivered(e.id(), live, later)).as("the live claim was taken over too")
                .isFalse();
    }

    @Test
    void theLiveTokenStillWorksAfterAStaleMark() {
        OutboxEntry e = write(1).get(0);
        String stale = claimOne(T0);
        Instant later = T0.plus(LEASE).plusSeconds(1);
        String live = claimOne(later);
        assertThat(store.outbox().markDelivered(e.id(), stale, later)).isFalse();
        assertThat(store.outbox().markDelivered(e.id(), live, later.plusSeconds(1))).isTrue();
        assertThat(stored(e).status()).isEqualTo(OutboxStatus.DELIVERED);
        assertThat(stored(e).attempts()).isEqualTo(1);
    }

    @Test
    void marksWithAnUnknownIdOrTokenReturnFalse() {
        OutboxEntry e = write(1).get(0);
        claimOne(T0);
        assertThat(store.outbox().markDelivered("no-such-entry", "x", T0)).isFalse();
        assertThat(store.outbox().markDelivered(e.id(), "not-the-token", T0)).isFalse();
        assertThat(store.outbox().reschedule(e.id(), "not-the-token", T0, "e")).isFalse();
        assertThat(store.outbox().markFailed(e.id(), "not-the-token", T0, "e")).isFalse();
        assertThat(store.outbox().renew(e.id(), "not-the-token", T0.plusSeconds(60))).isFalse();
        assertThat(stored(e).attempts()).isZero();
    }

    @Test
    void renewExtendsALiveClaim() {
        OutboxEntry e = write(1).get(0);
        String token = claimOne(T0);
        assertThat(store.outbox().renew(e.id(), token, T0.plusSeconds(120))).isTrue();
        assertThat(store.outbox().claim(T0.plus(LEASE).plusSeconds(1), LEASE, 10)).isEmpty();
        assertThat(store.outbox().claim(T0.plusSeconds(119), LEASE, 10)).isEmpty();
        assertThat(store.outbox().markDelivered(e.id(), token, T0.plusSeconds(100))).isTrue();
    }

    @Test
    void aRenewedClaimRunsOutAtItsNewEnd() {
        OutboxEntry e = write(1).get(0);
        String token = claimOne(T0);
        assertThat(store.outbox().renew(e.id(), token, T0.plusSeconds(120))).isTrue();
        assertThat(store.outbox().claim(T0.plusSeconds(121), LEASE, 10)).extracting(OutboxEntry::id)
                .containsExactly(e.id());
    }

    @Test
    void listsNewestFirstByStatusAndCounts() {
        List<OutboxEntry> e = write(4);
        List<OutboxEntry> claimed = store.outbox().claim(T0.plusSeconds(10), LEASE, 2);
        assertThat(store.outbox().markDelivered(e.get(0).id(), claimed.get(0).claimToken(), T0)).isTrue();
        assertThat(store.outbox().markFailed(e.get(1).id(), claimed.get(1).claimToken(), T0, "bad")).isTrue();

        assertThat(store.outbox().list(null, 10)).extracting(OutboxEntry::id)
                .containsExactly(e.get(3).id(), e.get(2).id(), e.get(1).id(), e.get(0).id());
        assertThat(store.outbox().list(null, 2)).extracting(OutboxEntry::id)
                .containsExactly(e.get(3).id(), e.get(2).id());
        assertThat(store.outbox().list(OutboxStatus.PENDING, 10)).extracting(OutboxEntry::id)
                .containsExactly(e.get(3).id(), e.get(2).id());
        assertThat(store.outbox().list(OutboxStatus.PENDING, 1)).extracting(OutboxEntry::id)
                .containsExactly(e.get(3).id());
        assertThat(store.outbox().list(OutboxStatus.DELIVERED, 10)).extracting(OutboxEntry::id)
                .containsExactly(e.get(0).id());
        assertThat(store.outbox().list(OutboxStatus.FAILED, 10)).extracting(OutboxEntry::id)
                .containsExactly(e.get(1).id());
        assertThat(store.outbox().count(OutboxStatus.PENDING)).isEqualTo(2);
        assertThat(store.outbox().count(OutboxStatus.DELIVERED)).isEqualTo(1);
        assertThat(store.outbox().count(OutboxStatus.FAILED)).isEqualTo(1);
    }

    @Test
    void anEmptyOutbox() {
        assertThat(store.outbox().claim(T0, LEASE, 10)).isEmpty();
        assertThat(store.outbox().list(null, 10)).isEmpty();
        assertThat(store.outbox().count(OutboxStatus.PENDING)).isZero();
        assertThat(store.outbox().earliestDue()).isEmpty();
    }

    @Test
    void earliestDueIsNoLaterThanTheEarliestPendingEntry() {
        write(T0.plusSeconds(30), null);
        write(T0.plusSeconds(10), null);
        assertDueNoLaterThan(store.outbox().earliestDue(), T0.plusSeconds(10));
        List<OutboxEntry> claimed = store.outbox().claim(T0.plusSeconds(10), LEASE, 10);
        assertThat(claimed).hasSize(1);
        assertDueNoLaterThan(store.outbox().earliestDue(), T0.plusSeconds(30));
        assertThat(store.outbox().markDelivered(claimed.get(0).id(), claimed.get(0).claimToken(), T0)).isTrue();
        assertDueNoLaterThan(store.outbox().earliestDue(), T0.plusSeconds(30));
    }

    @Test
    void racingClaimsHandOutEachEntryOnce() throws Exception {
        write(60);
        List<List<OutboxEntry>> claims = ContractFixtures.race(4, () -> {
            List<OutboxEntry> mine = new ArrayList<>();
            List<OutboxEntry> batch;
            while (!(batch = store.outbox().claim(T0.plusSeconds(100), LEASE, 5)).isEmpty()) {
                mine.addAll(batch);
            }
            return mine;
        });
        assertThat(claims.stream().flatMap(List::stream).map(OutboxEntry::id).toList()).hasSize(60)
                .doesNotHaveDuplicates();
    }
}
