package dev.vigil.testkit;

import static dev.vigil.testkit.ContractFixtures.KIND;
import static dev.vigil.testkit.ContractFixtures.OTHER_KIND;
import static dev.vigil.testkit.ContractFixtures.T0;
import static dev.vigil.testkit.ContractFixtures.assertDueNoLaterThan;
import static dev.vigil.testkit.ContractFixtures.fullCommit;
import static dev.vigil.testkit.ContractFixtures.idempotency;
import static dev.vigil.testkit.ContractFixtures.next;
import static dev.vigil.testkit.ContractFixtures.ref;
import static dev.vigil.testkit.ContractFixtures.renamed;
import static dev.vigil.testkit.ContractFixtures.subject;
import static dev.vigil.testkit.ContractFixtures.transition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.DuplicateNameException;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Transition;
import dev.vigil.spi.Commit;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import dev.vigil.spi.StoredSubject;
import dev.vigil.spi.SubjectChange;
import dev.vigil.spi.SubjectQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@link dev.vigil.spi.SubjectStore} contract: finding, inserting, compare-and-set with its commit, deleting,
 * listing with filters and keyset paging, claiming due subjects, and the change feed.
 *
 * <p>A store module runs it by extending it and implementing {@link #createStore()}:
 * <pre>{@code
 * class MyStoreSubjectStoreContractTest extends SubjectStoreContractTest {
 *     protected VigilStore createStore() { return new MyStore(...); } // a fresh, empty store
 * }
 * }</pre>
 */
public abstract class SubjectStoreContractTest extends StoreContract {
    private static final Duration LEASE = Duration.ofSeconds(30);

    private StoredSubject inserted(StoredSubject s) {
        assertThat(store.subjects().insert(s, Commit.NONE)).isTrue();
        return s;
    }

    private void assertNothingWritten(Commit commit) {
        for (Transition t : commit.transitions()) {
            assertThat(store.transitions().recent(t.subject(), 100)).extracting(Transition::id).doesNotContain(t.id());
        }
        for (OutboxEntry e : commit.outbox()) {
            assertThat(store.outbox().find(e.id())).isEmpty();
        }
        if (commit.idempotency() != null) {
            assertThat(store.idempotency().find(commit.idempotency().scope(), commit.idempotency().key())).isEmpty();
        }
    }

    private void assertWritten(Commit commit) {
        for (Transition t : commit.transitions()) {
            assertThat(store.transitions().recent(t.subject(), 100)).contains(t);
        }
        for (OutboxEntry e : commit.outbox()) {
            OutboxEntry stored = store.outbox().find(e.id()).orElseThrow();
            assertThat(stored.status()).isEqualTo(OutboxStatus.PENDING);
            assertThat(stored.transition()).isEqualTo(e.transition());
            assertThat(stored.channel()).isEqualTo(e.channel());
        }
        if (commit.idempotency() != null) {
            assertThat(store.idempotency().find(commit.idempotency().scope(), commit.idempotency().key()))
                    .contains(commit.idempotency());
        }
    }

    // ---- find, insert

    @Test
    void anInsertedSubjectIsFoundByRefAndByNameAsItWasGiven() {
        StoredSubject s = subject(KIND, "a/b c", "Daily \u00e9 backup", Map.of("group", "Backups", "env", "prod"),
                "NO_PUSH_YET", T0.plusMillis(1500));
        assertThat(store.subjects().insert(s, Commit.NONE)).isTrue();
        assertThat(store.subjects().find(s.ref())).contains(s);
        assertThat(store.subjects().findByName(KIND, "Daily \u00e9 backup")).contains(s);
        assertThat(store.subjects().find(SubjectRef.of(OTHER_KIND, "a/b c"))).isEmpty();
        assertThat(store.subjects().findByName(OTHER_KIND, "Daily \u00e9 backup")).isEmpty();
        assertThat(store.subjects().find(ref("nope"))).isEmpty();
        assertThat(store.subjects().findByName(KIND, "nope")).isEmpty();
    }

    @Test
    void aSubjectWithoutDeadlineOrLabelsRoundTrips() {
        StoredSubject s = subject(KIND, "k", "n", Map.of(), "PAUSED", null);
        inserted(s);
        assertThat(store.subjects().find(s.ref())).contains(s);
    }

    @Test
    void aKeyOfTheLongestAllowedLengthIsAccepted() {
        StoredSubject s = subject(KIND, "k".repeat(SubjectRef.MAX_KEY_LENGTH), "long", Map.of(), "UP", T0);
        inserted(s);
        assertThat(store.subjects().find(s.ref())).contains(s);
    }

    @Test
    void largeSpecAndStateRoundTripUnchanged() {
        String spec = "{\"text\":\"" + "\u00e9\u2713 quoted \\\" text, ".repeat(1500) + "\"}";
        String state = "{\"n\":[" + "1234567890,".repeat(1000) + "0]}";
        StoredSubject s = new StoredSubject(ref("big"), 1, "big", Map.of("path", "a/".repeat(100)), "UP", T0, spec,
                state, T0, T0.plusMillis(999));
        inserted(s);
        assertThat(store.subjects().find(s.ref())).contains(s);
        assertThat(store.subjects().find(s.ref()).orElseThrow().spec()).hasSize(spec.length());
    }

    @Test
    void theSameKeyAndNameInTwoKindsAreTwoSubjects() {
        StoredSubject a = inserted(subject(KIND, "1", "same", Map.of(), "UP", null));
        StoredSubject b = inserted(subject(OTHER_KIND, "1", "same", Map.of(), "DOWN", null));
        assertThat(store.subjects().find(a.ref())).contains(a);
        assertThat(store.subjects().find(b.ref())).contains(b);
        assertThat(store.subjects().findByName(KIND, "same")).contains(a);
        assertThat(store.subjects().findByName(OTHER_KIND, "same")).contains(b);
    }

    @Test
    void insertWritesItsCommit() {
        StoredSubject s = subject("1", T0);
        Commit commit = fullCommit(s.ref(), T0);
        assertThat(store.subjects().insert(s, commit)).isTrue();
        assertWritten(commit);
    }

    @Test
    void insertOnAnExistingRefReturnsFalseAndWritesNothing() {
        StoredSubject s = inserted(subject("1", T0));
        StoredSubject other = subject(KIND, "1", "another name", Map.of("x", "y"), "DOWN", T0.minusSeconds(5));
        Commit commit = fullCommit(s.ref(), T0);
        assertThat(store.subjects().insert(other, commit)).isFalse();
        assertThat(store.subjects().find(s.ref())).contains(s);
        assertThat(store.subjects().findByName(KIND, "another name")).isEmpty();
        assertNothingWritten(commit);
        assertThat(store.outbox().count(OutboxStatus.PENDING)).isZero();
        assertThat(store.subjects().changesSince(0, 100)).hasSize(1);
    }

    @Test
    void insertWithATakenNameThrowsAndWritesNothing() {
        inserted(subject(KIND, "1", "taken", Map.of(), "UP", T0));
        StoredSubject s = subject(KIND, "2", "taken", Map.of(), "UP", T0);
        Commit commit = fullCommit(s.ref(), T0);
        assertThatThrownBy(() -> store.subjects().insert(s, commit)).isInstanceOfSatisfying(
                DuplicateNameException.class, e -> {
                    assertThat(e.kind()).isEqualTo(KIND);
                    assertThat(e.name()).isEqualTo("taken");
                });
        assertThat(store.subjects().find(s.ref())).isEmpty();
        assertThat(store.subjects().findByName(KIND, "taken").orElseThrow().key()).isEqualTo("1");
        assertNothingWritten(commit);
        assertThat(store.subjects().changesSince(0, 100)).hasSize(1);
    }

    // ---- compare-and-set

    @Test
    void compareAndSetSucceedsOnlyFromThePreviousVersion() {
        StoredSubject v1 = inserted(subject("1", T0));
        StoredSubject v2 = next(v1, T0.plusSeconds(60), T0.plusSeconds(1));
        assertThat(store.subjects().compareAndSet(v2, Commit.NONE)).isTrue();
        assertThat(store.subjects().find(v1.ref())).contains(v2);

        StoredSubject staleV2 = next(v1, T0.plusSeconds(90), T0.plusSeconds(2));
        assertThat(store.subjects().compareAndSet(staleV2, Commit.NONE)).isFalse();
        StoredSubject v4 = next(next(v2));
        assertThat(store.subjects().compareAndSet(v4, Commit.NONE)).isFalse();
        assertThat(store.subjects().find(v1.ref())).contains(v2);

        StoredSubject v3 = next(v2, null, T0.plusSeconds(3));
        assertThat(store.subjects().compareAndSet(v3, Commit.NONE)).isTrue();
        assertThat(store.subjects().find(v1.ref())).contains(v3);
        assertThat(v3.version()).isEqualTo(3);
    }

    @Test
    void compareAndSetOnAMissingSubjectReturnsFalseAndWritesNothing() {
        StoredSubject v2 = next(subject("ghost", T0));
        Commit commit = fullCommit(v2.ref(), T0);
        assertThat(store.subjects().compareAndSet(v2, commit)).isFalse();
        assertThat(store.subjects().find(v2.ref())).isEmpty();
        assertNothingWritten(commit);
    }

    @Test
    void compareAndSetWritesItsCommitInTheSameStep() {
        StoredSubject v1 = inserted(subject("1", T0));
        Transition t1 = transition(v1.ref(), T0.plusSeconds(1));
        Transition t2 = transition(v1.ref(), T0.plusSeconds(2));
        OutboxEntry e1 = ContractFixtures.entry(t1);
        OutboxEntry e2 = OutboxEntry.pending(ContractFixtures.newId(), "slack", "#ops", t1);
        OutboxEntry e3 = ContractFixtures.entry(t2);
        Commit commit = new Commit(List.of(t1, t2), List.of(e1, e2, e3), idempotency("push:1", "abc", T0));
        assertThat(store.subjects().compareAndSet(next(v1), commit)).isTrue();
        assertWritten(commit);
        assertThat(store.transitions().recent(v1.ref(), 10)).containsExactly(t2, t1);
        assertThat(store.outbox().find(e2.id()).orElseThrow().address()).isEqualTo("#ops");
        assertThat(store.outbox().count(OutboxStatus.PENDING)).isEqualTo(3);
    }

    @Test
    void aFailedCompareAndSetWritesNoneOfItsCommit() {
        StoredSubject v1 = inserted(subject("1", T0));
        assertThat(store.subjects().compareAndSet(next(v1), Commit.NONE)).isTrue();
        Commit commit = fullCommit(v1.ref(), T0.plusSeconds(5));
        assertThat(store.subjects().compareAndSet(next(v1), commit)).isFalse();
        assertNothingWritten(commit);
        assertThat(store.outbox().count(OutboxStatus.PENDING)).isZero();
        assertThat(store.subjects().find(v1.ref()).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void compareAndSetRenamesAndFreesTheOldName() {
        StoredSubject v1 = inserted(subject(KIND, "1", "old", Map.of(), "UP", T0));
        StoredSubject v2 = renamed(v1, "new");
        assertThat(store.subjects().compareAndSet(v2, Commit.NONE)).isTrue();
        assertThat(store.subjects().findByName(KIND, "new")).contains(v2);
        assertThat(store.subjects().findByName(KIND, "old")).isEmpty();
        StoredSubject other = inserted(subject(KIND, "2", "old", Map.of(), "UP", T0));
        assertThat(store.subjects().findByName(KIND, "old")).contains(other);
    }

    @Test
    void compareAndSetThatKeepsItsOwnNameIsNoDuplicate() {
        StoredSubject v1 = inserted(subject(KIND, "1", "mine", Map.of(), "UP", T0));
        assertThat(store.subjects().compareAndSet(next(v1), Commit.NONE)).isTrue();
        assertThat(store.subjects().findByName(KIND, "mine").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void renamingToATakenNameThrowsAndWritesNothing() {
        inserted(subject(KIND, "1", "taken", Map.of(), "UP", T0));
        StoredSubject v1 = inserted(subject(KIND, "2", "free", Map.of(), "UP", T0));
        Commit commit = fullCommit(v1.ref(), T0);
        assertThatThrownBy(() -> store.subjects().compareAndSet(renamed(v1, "taken"), commit))
                .isInstanceOf(DuplicateNameException.class);
        assertThat(store.subjects().find(v1.ref())).contains(v1);
        assertThat(store.subjects().findByName(KIND, "free")).contains(v1);
        assertThat(store.subjects().findByName(KIND, "taken").orElseThrow().key()).isEqualTo("1");
        assertNothingWritten(commit);
        assertThat(store.subjects().changesSince(0, 100)).hasSize(2);
    }

    // ---- delete

    @Test
    void deleteRemovesTheSubjectItsNameItsDeadlineAndItsTransitions() {
        StoredSubject s = subject("1", T0);
        assertThat(store.subjects().insert(s, fullCommit(s.ref(), T0))).isTrue();
        StoredSubject keep = subject("2", T0.plusSeconds(10));
        assertThat(store.subjects().insert(keep, fullCommit(keep.ref(), T0))).isTrue();

        assertThat(store.subjects().delete(s.ref(), T0)).isTrue();
        assertThat(store.subjects().find(s.ref())).isEmpty();
        assertThat(store.subjects().findByName(KIND, s.name())).isEmpty();
        assertThat(store.transitions().recent(s.ref(), 10)).isEmpty();
        assertThat(store.transitions().recent(keep.ref(), 10)).hasSize(1);
        assertDueNoLaterThan(store.subjects().earliestDue(), T0.plusSeconds(10));
        assertThat(store.subjects().claimDue(T0.plusSeconds(60), LEASE, 10)).containsExactly(keep);
        assertThat(store.subjects().list(SubjectQuery.all(KIND, 10))).containsExactly(keep);
        assertThat(store.subjects().delete(s.ref(), T0)).isFalse();
    }

    @Test
    void aDeletedRefAndNameCanBeUsedAgain() {
        StoredSubject s = inserted(subject("1", T0));
        store.subjects().compareAndSet(next(s), Commit.NONE);
        assertThat(store.subjects().delete(s.ref(), T0)).isTrue();
        assertThat(store.subjects().insert(s, Commit.NONE)).isTrue();
        assertThat(store.subjects().find(s.ref())).contains(s);
    }

    @Test
    void deletingAClaimedSubjectRemovesItFromTheIndex() {
        StoredSubject s = inserted(subject("1", T0));
        assertThat(store.subjects().claimDue(T0, LEASE, 10)).hasSize(1);
        assertThat(store.subjects().delete(s.ref(), T0)).isTrue();
        assertThat(store.subjects().claimDue(T0.plus(LEASE).plusSeconds(1), LEASE, 10)).isEmpty();
    }

    // ---- list

    private void insertFleet() {
        inserted(subject(KIND, "a", "A", Map.of("group", "db", "path", "org/eu/prod/db"), "UP", T0));
        inserted(subject(KIND, "b", "B", Map.of("group", "web", "path", "org/eu/prod/web"), "DOWN", T0));
        inserted(subject(KIND, "c", "C", Map.of("group", "db", "path", "org/us/prod/db"), "DOWN", null));
        inserted(subject(KIND, "d", "D", Map.of("group", "batch", "path", "org/eu/test/batch"), "UP", null));
        inserted(subject(KIND, "e", "E", Map.of(), "UNKNOWN", null));
        inserted(subject(OTHER_KIND, "a", "A", Map.of("group", "db", "path", "org/eu/prod/db"), "UP", T0));
    }

    private List<String> keys(SubjectQuery q) {
        return store.subjects().list(q).stream().map(StoredSubject::key).toList();
    }

    @Test
    void listReturnsOneKindBySortedKey() {
        insertFleet();
        assertThat(keys(SubjectQuery.all(KIND, 100))).containsExactly("a", "b", "c", "d", "e");
        assertThat(keys(SubjectQuery.all(OTHER_KIND, 100))).containsExactly("a");
        assertThat(keys(SubjectQuery.all("no_such_kind", 100))).isEmpty();
        assertThat(store.subjects().list(SubjectQuery.all(OTHER_KIND, 100)).get(0).kind()).isEqualTo(OTHER_KIND);
    }

    @Test
    void listFiltersByLabelValuesWithSeveralValuesMeaningEither() {
        insertFleet();
        assertThat(keys(new SubjectQuery(KIND, Map.of("group", Set.of("db")), Map.of(), Set.of(), null, 100)))
                .containsExactly("a", "c");
        assertThat(keys(new SubjectQuery(KIND, Map.of("group", Set.of("db", "web")), Map.of(), Set.of(), null,
                100))).containsExactly("a", "b", "c");
        assertThat(keys(new SubjectQuery(KIND, Map.of("group", Set.of("db"), "path", Set.of("org/us/prod/db")),
                Map.of(), Set.of(), null, 100))).containsExactly("c");
        assertThat(keys(new SubjectQuery(KIND, Map.of("group", Set.of("nothing")), Map.of(), Set.of(), null, 100)))
                .isEmpty();
        assertThat(keys(new SubjectQuery(KIND, Map.of("missing", Set.of("x")), Map.of(), Set.of(), null, 100)))
                .isEmpty();
    }

    @Test
    void listFiltersByLabelPrefix() {
        insertFleet();
        assertThat(keys(new SubjectQuery(KIND, Map.of(), Map.of("path", "org/eu/"), Set.of(), null, 100)))
                .containsExactly("a", "b", "d");
        assertThat(keys(new SubjectQuery(KIND, Map.of(), Map.of("path", "org/eu/prod/"), Set.of(), null, 100)))
                .containsExactly("a", "b");
        assertThat(keys(new SubjectQuery(KIND, Map.of("group", Set.of("db")), Map.of("path", "org/eu"), Set.of(),
                null, 100))).containsExactly("a");
        assertThat(keys(new SubjectQuery(KIND, Map.of(), Map.of("path", ""), Set.of(), null, 100)))
                .containsExactly("a", "b", "c", "d");
        assertThat(keys(new SubjectQuery(KIND, Map.of(), Map.of("path", "org/eu/%"), Set.of(), null, 100)))
                .as("a prefix is literal text, not a pattern").isEmpty();
        assertThat(keys(new SubjectQuery(KIND, Map.of(), Map.of("path", "org_eu"), Set.of(), null, 100)))
                .as("a prefix is literal text, not a pattern").isEmpty();
    }

    @Test
    void listFiltersByStatus() {
        insertFleet();
        assertThat(keys(new SubjectQuery(KIND, Map.of(), Map.of(), Set.of("DOWN"), null, 100)))
                .containsExactly("b", "c");
        assertThat(keys(new SubjectQuery(KIND, Map.of(), Map.of(), Set.of("DOWN", "UNKNOWN"), null, 100)))
                .containsExactly("b", "c", "e");
        assertThat(keys(new SubjectQuery(KIND, Map.of("group", Set.of("db")), Map.of(), Set.of("UP"), null, 100)))
                .containsExactly("a");
    }

    @Test
    void listSeesTheCurrentVersion() {
        StoredSubject v1 = inserted(subject(KIND, "a", "A", Map.of("group", "db"), "UP", T0));
        StoredSubject v2 = v1.next("A", Map.of("group", "web"), "DOWN", null, v1.spec(), v1.state(), T0);
        assertThat(store.subjects().compareAndSet(v2, Commit.NONE)).isTrue();
        assertThat(store.subjects().list(SubjectQuery.all(KIND, 10))).containsExactly(v2);
        assertThat(keys(new SubjectQuery(KIND, Map.of("group", Set.of("db")), Map.of(), Set.of(), null, 10)))
                .isEmpty();
        assertThat(keys(new SubjectQuery(KIND, Map.of(), Map.of(), Set.of("DOWN"), null, 10))).containsExactly("a");
    }

    @Test
    void listPagesByKeyWithTheLimit() {
        for (String key : List.of("k07", "k03", "k10", "k01", "k05", "k02", "k08", "k04", "k09", "k06")) {
            inserted(subject(key, null));
        }
        List<String> seen = new ArrayList<>();
        SubjectQuery q = SubjectQuery.all(KIND, 3);
        int pages = 0;
        while (true) {
            List<StoredSubject> page = store.subjects().list(q);
            assertThat(page.size()).isLessThanOrEqualTo(3);
            if (page.isEmpty()) {
                break;
            }
            pages++;
            page.forEach(s -> seen.add(s.key()));
            q = q.after(page.get(page.size() - 1).key());
        }
        assertThat(seen).containsExactly("k01", "k02", "k03", "k04", "k05", "k06", "k07", "k08", "k09", "k10");
        assertThat(pages).isEqualTo(4);
        assertThat(keys(SubjectQuery.all(KIND, 100).after("k04x"))).startsWith("k05").hasSize(6);
        assertThat(keys(SubjectQuery.all(KIND, 100).after("k10"))).isEmpty();
    }

    @Test
    void keysAreOrderedByPlainCharacterOrderNotByALocale() {
        for (String key : List.of("a", "B", "_x", "Z1", "a-b", "a/b", "10", "9", "A")) {
            inserted(subject(key, null));
        }
        assertThat(keys(SubjectQuery.all(KIND, 100)))
                .containsExactly("10", "9", "A", "B", "Z1", "_x", "a", "a-b", "a/b");
        assertThat(keys(SubjectQuery.all(KIND, 100).after("Z1"))).containsExactly("_x", "a", "a-b", "a/b");
    }

    @Test
    void pagingAppliesTheFiltersBeforeTheLimit() {
        for (int i = 0; i < 10; i++) {
            inserted(subject(KIND, "k" + i, "n" + i, Map.of("even", String.valueOf(i % 2 == 0)), "UP", null));
        }
        SubjectQuery even = new SubjectQuery(KIND, Map.of("even", Set.of("true")), Map.of(), Set.of(), null, 2);
        assertThat(keys(even)).containsExactly("k0", "k2");
        assertThat(keys(even.after("k2"))).containsExactly("k4", "k6");
        assertThat(keys(even.after("k6"))).containsExactly("k8");
    }

    // ---- claimDue, earliestDue

    @Test
    void claimDueReturnsDueSubjectsOfEveryKindEarliestFirst() {
        StoredSubject late = inserted(subject(KIND, "late", "late", Map.of(), "UP", T0.plusSeconds(30)));
        StoredSubject first = inserted(subject(OTHER_KIND, "first", "first", Map.of(), "UP", T0.minusSeconds(10)));
        StoredSubject second = inserted(subject(KIND, "second", "second", Map.of(), "UP", T0));
        inserted(subject(KIND, "never", "never", Map.of(), "UP", null));
        inserted(subject(KIND, "future", "future", Map.of(), "UP", T0.plusSeconds(3600)));

        assertThat(store.subjects().claimDue(T0.minusSeconds(11), LEASE, 10)).isEmpty();
        assertThat(store.subjects().claimDue(T0.plusSeconds(30), LEASE, 10)).containsExactly(first, second, late);
    }

    @Test
    void aSubjectIsDueAtItsDeadlineInclusive() {
        StoredSubject s = inserted(subject("1", T0));
        assertThat(store.subjects().claimDue(T0.minusMillis(1), LEASE, 10)).isEmpty();
        assertThat(store.subjects().claimDue(T0, LEASE, 10)).containsExactly(s);
    }

    @Test
    void claimDueHonoursTheLimitTakingTheEarliest() {
        for (int i = 0; i < 5; i++) {
            inserted(subject("k" + i, T0.plusSeconds(10 - i)));
        }
        assertThat(store.subjects().claimDue(T0.plusSeconds(60), LEASE, 2)).extracting(StoredSubject::key)
                .containsExactly("k4", "k3");
        assertThat(store.subjects().claimDue(T0.plusSeconds(60), LEASE, 10)).extracting(StoredSubject::key)
                .containsExactly("k2", "k1", "k0");
    }

    @Test
    void aLiveClaimIsNotClaimedAgainAndAnExpiredOneIs() {
        StoredSubject s = inserted(subject("1", T0));
        assertThat(store.subjects().claimDue(T0, LEASE, 10)).containsExactly(s);
        assertThat(store.subjects().claimDue(T0, LEASE, 10)).isEmpty();
        assertThat(store.subjects().claimDue(T0.plus(LEASE).minusSeconds(1), LEASE, 10)).isEmpty();
        assertThat(store.subjects().claimDue(T0.plus(LEASE).plusSeconds(1), LEASE, 10)).containsExactly(s);
        assertThat(store.subjects().claimDue(T0.plus(LEASE).plusSeconds(2), LEASE, 10)).isEmpty();
    }

    @Test
    void aSuccessfulCompareAndSetEndsTheClaim() {
        StoredSubject v1 = inserted(subject("1", T0));
        assertThat(store.subjects().claimDue(T0, LEASE, 10)).containsExactly(v1);
        StoredSubject v2 = next(v1, T0.plusSeconds(1), T0);
        assertThat(store.subjects().compareAndSet(v2, Commit.NONE)).isTrue();
        assertThat(store.subjects().claimDue(T0.plusSeconds(1), LEASE, 10)).containsExactly(v2);
    }

    @Test
    void aFailedCompareAndSetKeepsTheClaim() {
        StoredSubject v1 = inserted(subject("1", T0));
        assertThat(store.subjects().claimDue(T0, LEASE, 10)).hasSize(1);
        assertThat(store.subjects().compareAndSet(next(next(v1)), Commit.NONE)).isFalse();
        assertThat(store.subjects().claimDue(T0.plusSeconds(1), LEASE, 10)).isEmpty();
    }

    @Test
    void claimDueFollowsMovedDeadlines() {
        StoredSubject v1 = inserted(subject("1", T0));
        StoredSubject v2 = next(v1, T0.plusSeconds(100), T0);
        assertThat(store.subjects().compareAndSet(v2, Commit.NONE)).isTrue();
        assertThat(store.subjects().claimDue(T0.plusSeconds(99), LEASE, 10)).isEmpty();
        StoredSubject v3 = next(v2, null, T0);
        assertThat(store.subjects().compareAndSet(v3, Commit.NONE)).isTrue();
        assertThat(store.subjects().claimDue(T0.plus(Duration.ofDays(365)), LEASE, 10)).isEmpty();
        StoredSubject v4 = next(v3, T0.minusSeconds(5), T0);
        assertThat(store.subjects().compareAndSet(v4, Commit.NONE)).isTrue();
        assertThat(store.subjects().claimDue(T0, LEASE, 10)).containsExactly(v4);
    }

    @Test
    void aDeadlineMovedLaterIsClaimedAtTheNewDeadlineOnly() {
        StoredSubject v1 = inserted(subject("1", T0));
        StoredSubject v2 = next(v1, T0.plusSeconds(100), T0);
        assertThat(store.subjects().compareAndSet(v2, Commit.NONE)).isTrue();
        assertThat(store.subjects().claimDue(T0, LEASE, 10)).isEmpty();
        assertThat(store.subjects().claimDue(T0.plusSeconds(99), LEASE, 10)).isEmpty();
        assertThat(store.subjects().claimDue(T0.plusSeconds(100), LEASE, 10)).containsExactly(v2);
        assertDueNoLaterThan(store.subjects().earliestDue(), T0.plusSeconds(100).plus(LEASE));
    }

    @Test
    void subjectsWhoseDeadlinesMovedLaterNeitherCountAgainstTheLimitNorHideOthers() {
        for (int i = 0; i < 5; i++) {
            StoredSubject s = inserted(subject("moved" + i, T0.plusSeconds(i)));
            assertThat(store.subjects().compareAndSet(next(s, T0.plusSeconds(1000), T0), Commit.NONE)).isTrue();
        }
        StoredSubject due = inserted(subject("due", T0.plusSeconds(10)));
        assertThat(store.subjects().claimDue(T0.plusSeconds(20), LEASE, 1)).containsExactly(due);
        assertThat(store.subjects().claimDue(T0.plusSeconds(20), LEASE, 10)).isEmpty();
        assertThat(store.subjects().claimDue(T0.plusSeconds(1000), LEASE, 10)).extracting(StoredSubject::key)
                .containsExactlyInAnyOrder("due", "moved0", "moved1", "moved2", "moved3", "moved4"); // due's lease ran out
    }

    @Test
    void aSubjectDeletedAfterItsDeadlineMovedLaterIsGoneFromTheIndex() {
        StoredSubject v1 = inserted(subject("1", T0));
        assertThat(store.subjects().compareAndSet(next(v1, T0.plusSeconds(100), T0), Commit.NONE)).isTrue();
        assertThat(store.subjects().delete(v1.ref(), T0)).isTrue();
        assertThat(store.subjects().claimDue(T0.plusSeconds(1000), LEASE, 10)).isEmpty();
        assertThat(store.subjects().earliestDue()).isEmpty();
        assertThat(store.subjects().insert(v1, Commit.NONE)).isTrue();
        assertThat(store.subjects().claimDue(T0, LEASE, 10)).containsExactly(v1);
    }

    @Test
    void earliestDueIsNoLaterThanTheSmallestDeadlineOfAnyKind() {
        assertThat(store.subjects().earliestDue()).isEmpty();
        inserted(subject(KIND, "never", "never", Map.of(), "UP", null));
        assertThat(store.subjects().earliestDue()).isEmpty();
        inserted(subject(KIND, "a", "a", Map.of(), "UP", T0.plusSeconds(50)));
        StoredSubject b = inserted(subject(OTHER_KIND, "b", "b", Map.of(), "UP", T0.plusSeconds(20)));
        assertDueNoLaterThan(store.subjects().earliestDue(), T0.plusSeconds(20));
        assertThat(store.subjects().compareAndSet(next(b, T0.plusSeconds(90), T0), Commit.NONE)).isTrue();
        assertDueNoLaterThan(store.subjects().earliestDue(), T0.plusSeconds(50));
    }

    @Test
    void earliestDueIsNeverLaterThanWhenAClaimedSubjectCanBeClaimedAgain() {
        inserted(subject("1", T0));
        assertThat(store.subjects().claimDue(T0, LEASE, 10)).hasSize(1);
        assertDueNoLaterThan(store.subjects().earliestDue(), T0.plus(LEASE));
    }

    // ---- change feed

    @Test
    void aStateOnlyWriteIsLeftOutOfTheChangeFeed() {
        StoredSubject a1 = inserted(subject("a", T0));
        StoredSubject a2 = next(a1);
        assertThat(store.subjects().compareAndSet(a2, Commit.STATE_ONLY)).isTrue();
        StoredSubject a3 = next(a2);
        assertThat(store.subjects().compareAndSet(a3, Commit.NONE)).isTrue();
        assertThat(store.subjects().changesSince(0, 100)).extracting(SubjectChange::version).containsExactly(1L, 3L);
        assertThat(store.subjects().find(a1.ref())).map(StoredSubject::version).contains(3L);
    }

    @Test
    void everyWriteAndDeleteAppearsInTheChangeFeedInOrder() {
        StoredSubject a1 = inserted(subject("a", T0));
        StoredSubject b1 = inserted(subject(OTHER_KIND, "b", "b", Map.of(), "UP", null));
        StoredSubject a2 = next(a1);
        assertThat(store.subjects().compareAndSet(a2, Commit.NONE)).isTrue();
        assertThat(store.subjects().compareAndSet(next(a1), Commit.NONE)).isFalse(); // nothing written, no change
        assertThat(store.subjects().compareAndSet(next(a2), fullCommit(a1.ref(), T0))).isTrue();
        assertThat(store.subjects().delete(b1.ref(), T0.plusSeconds(7))).isTrue();
        assertThat(store.subjects().delete(b1.ref(), T0.plusSeconds(8))).isFalse();

        List<SubjectChange> feed = store.subjects().changesSince(0, 100);
        assertThat(feed.get(feed.size() - 1).at()).as("a delete is stamped with the writer's clock")
                .isEqualTo(T0.plusSeconds(7));
        assertThat(feed).extracting(SubjectChange::ref, SubjectChange::version, SubjectChange::deleted)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(a1.ref(), 1L, false),
                        org.assertj.core.groups.Tuple.tuple(b1.ref(), 1L, false),
                        org.assertj.core.groups.Tuple.tuple(a1.ref(), 2L, false),
                        org.assertj.core.groups.Tuple.tuple(a1.ref(), 3L, false),
                        org.assertj.core.groups.Tuple.tuple(b1.ref(), 1L, true));
        for (int i = 1; i < feed.size(); i++) {
            assertThat(feed.get(i).seq()).isGreaterThan(feed.get(i - 1).seq());
        }
        assertThat(feed.get(0).seq()).isPositive();
        assertThat(feed.get(0).at()).isEqualTo(a1.updatedAt());
    }

    @Test
    void theChangeFeedPagesBySequenceAndLimit() {
        for (int i = 0; i < 7; i++) {
            inserted(subject("k" + i, null));
        }
        List<SubjectChange> first = store.subjects().changesSince(0, 3);
        assertThat(first).extracting(c -> c.ref().key()).containsExactly("k0", "k1", "k2");
        List<SubjectChange> second = store.subjects().changesSince(first.get(2).seq(), 3);
        assertThat(second).extracting(c -> c.ref().key()).containsExactly("k3", "k4", "k5");
        List<SubjectChange> third = store.subjects().changesSince(second.get(2).seq(), 3);
        assertThat(third).extracting(c -> c.ref().key()).containsExactly("k6");
        assertThat(store.subjects().changesSince(third.get(0).seq(), 3)).isEmpty();
    }

    // ---- races

    @Test
    void racingInsertsOfOneRefCreateItOnce() throws Exception {
        int threads = 8;
        List<Boolean> results = ContractFixtures.race(threads, () -> {
            StoredSubject s = subject("contended", T0);
            return store.subjects().insert(s, fullCommit(s.ref(), T0));
        });
        assertThat(results).containsOnlyOnce(true);
        assertThat(store.transitions().recent(ref("contended"), 100)).hasSize(1);
        assertThat(store.outbox().count(OutboxStatus.PENDING)).isEqualTo(1);
        assertThat(store.subjects().changesSince(0, 100)).hasSize(1);
    }

    @Test
    void racingInsertsOfOneNameCreateOneSubject() throws Exception {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        List<String> results = ContractFixtures.race(8, () -> {
            try {
                return store.subjects().insert(
                        subject(KIND, "k" + n.incrementAndGet(), "same", Map.of(), "UP", null), Commit.NONE)
                                ? "inserted" : "false";
            } catch (DuplicateNameException e) {
                return "duplicate";
            }
        });
        assertThat(results).containsOnlyOnce("inserted").doesNotContain("false");
        assertThat(store.subjects().list(SubjectQuery.all(KIND, 100))).hasSize(1);
    }

    @Test
    void racingCompareAndSetsWithRetryLoseNoIncrement() throws Exception {
        StoredSubject s = inserted(subject("counter", T0));
        int threads = 8;
        int perThread = 50;
        List<Integer> conflicts = ContractFixtures.race(threads, () -> {
            int lost = 0;
            for (int i = 0; i < perThread; i++) {
                while (true) {
                    StoredSubject current = store.subjects().find(s.ref()).orElseThrow();
                    Transition t = transition(s.ref(), T0);
                    if (store.subjects().compareAndSet(next(current),
                            new Commit(List.of(t), List.of(), null))) {
                        break;
                    }
                    lost++;
                }
            }
            return lost;
        });
        assertThat(conflicts).hasSize(threads);
        StoredSubject last = store.subjects().find(s.ref()).orElseThrow();
        assertThat(last.version()).isEqualTo(1L + threads * perThread);
        assertThat(last.state()).isEqualTo("{\"n\":" + last.version() + "}");
        assertThat(store.transitions().recent(s.ref(), 1000)).hasSize(threads * perThread);
        assertThat(store.subjects().changesSince(0, 1000)).hasSize(1 + threads * perThread);
    }

    @Test
    void racingClaimsHandOutEachDueSubjectOnce() throws Exception {
        for (int i = 0; i < 100; i++) {
            inserted(subject("k" + i, T0.plusMillis(i)));
        }
        List<List<StoredSubject>> claims = ContractFixtures.race(4, () -> {
            List<StoredSubject> mine = new ArrayList<>();
            List<StoredSubject> batch;
            while (!(batch = store.subjects().claimDue(T0.plusSeconds(1), LEASE, 7)).isEmpty()) {
                mine.addAll(batch);
            }
            return mine;
        });
        List<String> all = claims.stream().flatMap(List::stream).map(StoredSubject::key).toList();
        assertThat(all).hasSize(100).doesNotHaveDuplicates();
    }
}
