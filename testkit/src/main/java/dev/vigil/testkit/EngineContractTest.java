package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.kind.Change;
import dev.vigil.kind.Codec;
import dev.vigil.kind.Outcome;
import dev.vigil.kind.Subject;
import dev.vigil.kind.SubjectKind;
import dev.vigil.kind.Subjects;
import dev.vigil.kind.Target;
import dev.vigil.kind.Update.Proposal;
import dev.vigil.model.Decision;
import dev.vigil.model.DuplicateNameException;
import dev.vigil.model.Severity;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Transition;
import dev.vigil.model.TransitionType;
import dev.vigil.notify.Notifier;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole engine on the store under test with a kind that exists only in this test: adding a kind needs no code in
 * the store and no migration. A "ticket" is opened with a deadline; unanswered past it, it goes OVERDUE (critical);
 * an answer resolves it; a "ping" input records an occurrence.
 */
public abstract class EngineContractTest extends StoreContract {
    /** A ticket's definition: who owns it, how long an answer may take, an optional address of its own. */
    public record TicketSpec(String title, String team, long answerWithinMillis, @Nullable String pager) {
    }

    /** A ticket's state. */
    public record TicketState(String status, long openedAt, @Nullable Long answerBy, int pings) {
    }

    /** The test-only kind. */
    public static final class TicketKind implements SubjectKind<TicketSpec, TicketState> {
        public static final TicketKind INSTANCE = new TicketKind();
        private static final Codec<TicketSpec> SPEC = Codec.json(TicketSpec.class);
        private static final Codec<TicketState> STATE = Codec.json(TicketState.class);

        @Override
        public String name() {
            return "test_ticket";
        }

        @Override
        public Codec<TicketSpec> specCodec() {
            return SPEC;
        }

        @Override
        public Codec<TicketState> stateCodec() {
            return STATE;
        }

        @Override
        public String displayName(String key, TicketSpec spec) {
            return spec.title();
        }

        @Override
        public String status(TicketSpec spec, TicketState state) {
            return state.status();
        }

        @Override
        public @Nullable Instant nextDue(TicketSpec spec, TicketState state) {
            return state.answerBy() == null ? null : Instant.ofEpochMilli(state.answerBy() + 1);
        }

        @Override
        public Outcome<TicketState> onDue(String key, TicketSpec spec, TicketState state, Instant now) {
            return Outcome.of(new TicketState("OVERDUE", state.openedAt(), null, state.pings()),
                    Change.of(state.status(), "OVERDUE", Severity.CRITICAL, "no answer within "
                            + spec.answerWithinMillis() + " ms"));
        }

        @Override
        public Duration period(TicketSpec spec) {
            return Duration.ofMillis(spec.answerWithinMillis());
        }

        @Override
        public TicketState afterGap(TicketSpec spec, TicketState state, Instant gapEnd) {
            return new TicketState(state.status(), state.openedAt(),
                    gapEnd.toEpochMilli() + spec.answerWithinMillis(), state.pings());
        }

        @Override
        public Outcome<TicketState> onWake(TicketSpec spec, TicketState state, SubjectRef cause, Instant now) {
            return Outcome.of(new TicketState(state.status(), state.openedAt(), state.answerBy(), state.pings() + 1),
                    new Change("", TransitionType.OCCURRENCE, state.status(), state.status(), Severity.INFO,
                            "woken by " + cause.key(), Map.of(), null, ""));
        }

        @Override
        public Map<String, String> labels(String key, TicketSpec spec, TicketState state) {
            return Map.of("team", spec.team());
        }

        @Override
        public List<Target> targets(TicketSpec spec) {
            return spec.pager() == null ? List.of() : List.of(Target.address("pager", spec.pager()));
        }
    }

    protected ManualClock clock;
    protected RecordingNotifier sent;
    protected RecordingNotifier pager;
    protected Vigil vigil;
    protected Subjects<TicketSpec, TicketState> tickets;

    @BeforeEach
    void buildVigil() {
        clock = ManualClock.at("2025-01-15T12:00:00Z");
        sent = new RecordingNotifier();
        pager = new RecordingNotifier();
        vigil = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).notifier(sent)
                .channel("pager", pager).kind(TicketKind.INSTANCE).build();
        tickets = vigil.subjects(TicketKind.INSTANCE);
    }

    @AfterEach
    void closeVigil() {
        vigil.close();
    }

    /** Opens a ticket (creating it if missing); returns whether this call created it. */
    private boolean open(String key, TicketSpec spec) {
        return tickets.update(key, (current, now) -> current != null ? null
                : new Proposal<>(spec, Outcome.of(new TicketState("OPEN", now.toEpochMilli(),
                        now.toEpochMilli() + spec.answerWithinMillis(), 0)), Boolean.TRUE)).isPresent();
    }

    private void answer(String key) {
        tickets.update(key, (current, now) -> current == null || current.state().status().equals("ANSWERED") ? null
                : new Proposal<>(current.spec(), Outcome.of(new TicketState("ANSWERED", current.state().openedAt(),
                        null, current.state().pings()), Change.of(current.state().status(), "ANSWERED",
                        Severity.RESOLVED, "answered")), Boolean.TRUE));
    }

    private static TicketSpec spec(String title, long minutes) {
        return new TicketSpec(title, "ops", Duration.ofMinutes(minutes).toMillis(), null);
    }

    @Test
    void aKindDefinedOnlyInATestRunsThroughTheWholeEngine() {
        assertThat(open("T-1", spec("Printer on fire", 10))).isTrue();
        assertThat(open("T-1", spec("Printer on fire", 10))).as("insert-if-absent").isFalse();
        Subject<TicketSpec, TicketState> t = tickets.find("T-1").orElseThrow();
        assertThat(t.status()).isEqualTo("OPEN");
        assertThat(t.name()).isEqualTo("Printer on fire");
        assertThat(t.dueAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)).plusMillis(1));

        clock.advance(Duration.ofMinutes(10));
        vigil.tick();
        assertThat(sent.transitions()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        vigil.tick();
        assertThat(tickets.find("T-1").orElseThrow().status()).isEqualTo("OVERDUE");
        assertThat(sent.transitions()).singleElement().satisfies(tr -> {
            assertThat(tr.subject()).isEqualTo(new SubjectRef("test_ticket", "T-1"));
            assertThat(tr.from()).isEqualTo("OPEN");
            assertThat(tr.to()).isEqualTo("OVERDUE");
            assertThat(tr.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(tr.type()).isEqualTo(TransitionType.CHANGE);
            assertThat(tr.allLabels()).containsEntry("team", "ops").containsEntry("kind", "test_ticket")
                    .containsEntry("key", "T-1").containsEntry("severity", "critical");
            assertThat(tr.decision()).isEqualTo(Decision.SENT);
        });

        answer("T-1");
        vigil.tick();
        assertThat(sent.transitions()).extracting(Transition::to).containsExactly("OVERDUE", "ANSWERED");
        assertThat(sent.transitions().get(1).severity()).isEqualTo(Severity.RESOLVED);
        assertThat(tickets.history("T-1", 10))
                .extracting(Transition::to).containsExactly("ANSWERED", "OVERDUE");
    }

    @Test
    void nothingIsDueBeforeItsTimeAndTickCostsNothingThen() {
        open("T-1", spec("a", 10));
        open("T-2", spec("b", 20));
        assertThat(vigil.tick().transitions()).isZero();
        clock.advance(Duration.ofMinutes(15));
        assertThat(vigil.tick().transitions()).isEqualTo(1);
        assertThat(tickets.find("T-2").orElseThrow().status()).isEqualTo("OPEN");
    }

    @Test
    void aSubjectCarriesItsOwnTargetThroughTheOutbox() {
        open("T-9", new TicketSpec("pager ticket", "db", 60_000, "+49-555-0100"));
        clock.advance(Duration.ofMinutes(2));
        vigil.tick();
        assertThat(pager.deliveries()).singleElement().satisfies(n -> {
            assertThat(n.address()).isEqualTo("+49-555-0100");
            assertThat(n.transition().key()).isEqualTo("T-9");
        });
        assertThat(sent.deliveries()).hasSize(1); // the default channel hears everything, as for push monitors
        assertThat(vigil.notifications().list(OutboxStatus.DELIVERED, 10)).extracting(OutboxEntry::address)
                .contains("+49-555-0100");
    }

    @Test
    void quietChangesAreRecordedWithTheirDecisionAndNotSent() {
        open("T-1", spec("a", 10));
        tickets.update("T-1", (current, now) -> new Proposal<>(current.spec(), Outcome.of(current.state(),
                new Change("", TransitionType.OCCURRENCE, "OPEN", "OPEN", Severity.INFO, "pinged", Map.of(), null, "")
                        .quiet(Decision.MAINTENANCE, "in maintenance")), Boolean.TRUE));
        vigil.tick();
        assertThat(sent.transitions()).isEmpty();
        assertThat(tickets.history("T-1", 1)).singleElement()
                .satisfies(tr -> {
                    assertThat(tr.decision()).isEqualTo(Decision.MAINTENANCE);
                    assertThat(tr.type()).isEqualTo(TransitionType.OCCURRENCE);
                });
    }

    @Test
    void racingCreatorsMakeOneSubjectAndRacingWritersLoseNothing() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> created = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                created.add(pool.submit(() -> {
                    go.await();
                    return open("T-race", spec("race", 10));
                }));
            }
            go.countDown();
            int wins = 0;
            for (Future<Boolean> f : created) {
                wins += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);

            int pingsEach = 50;
            List<Future<?>> pings = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                pings.add(pool.submit(() -> {
                    for (int p = 0; p < pingsEach; p++) {
                        tickets.update("T-race", (current, now) -> new Proposal<>(current.spec(),
                                Outcome.of(new TicketState(current.state().status(), current.state().openedAt(),
                                        current.state().answerBy(), current.state().pings() + 1)), Boolean.TRUE));
                    }
                    return null;
                }));
            }
            for (Future<?> f : pings) {
                f.get(60, TimeUnit.SECONDS);
            }
            Subject<TicketSpec, TicketState> t = tickets.find("T-race").orElseThrow();
            assertThat(t.state().pings()).isEqualTo(threads * pingsEach);
            assertThat(t.version()).isEqualTo(1 + threads * pingsEach);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWriteWakesOtherSubjectsThroughTheSameWritePath() {
        open("T-1", spec("parent", 10));
        open("T-2", spec("child", 10));
        tickets.update("T-1", (current, now) -> new Proposal<>(current.spec(), Outcome.of(new TicketState("ANSWERED",
                current.state().openedAt(), null, 0), Change.of("OPEN", "ANSWERED", Severity.RESOLVED, "answered"))
                .waking(List.of(new SubjectRef("test_ticket", "T-2"), new SubjectRef("test_ticket", "gone"))),
                Boolean.TRUE));
        assertThat(tickets.find("T-2").orElseThrow().state().pings()).isEqualTo(1);
        assertThat(tickets.history("T-2", 10)).singleElement().satisfies(tr -> {
            assertThat(tr.type()).isEqualTo(TransitionType.OCCURRENCE);
            assertThat(tr.reason()).isEqualTo("woken by T-1");
            assertThat(tr.severity()).isEqualTo(Severity.INFO);
        });
        vigil.tick();
        // different subjects: delivered concurrently, in either order
        assertThat(sent.transitions()).extracting(Transition::key).containsExactlyInAnyOrder("T-1", "T-2");
    }

    @Test
    void aClaimIsRenewedBeforeEachDeliveryAndAnEntryTakenOverIsNotDeliveredAgain() {
        List<String> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
        Vigil[] other = new Vigil[1];
        // instance A's receiver is slow: each delivery takes 45 s of the 60 s lease, and meanwhile B ticks
        Notifier slow = n -> {
            delivered.add("A " + n.transition().reason());
            clock.advance(Duration.ofSeconds(45));
            other[0].tick();
        };
        try (Vigil a = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).notifier(slow)
                .kind(TicketKind.INSTANCE).claimLease(Duration.ofSeconds(60)).build();
                Vigil b = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock)
                        .notifier(n -> delivered.add("B " + n.transition().reason())).kind(TicketKind.INSTANCE)
                        .claimLease(Duration.ofSeconds(60)).build()) {
            other[0] = b;
            open("T-1", spec("t1", 600)); // not overdue while this runs
            // three notifications of one subject, written together: A claims them together and sends them in order
            tickets.update("T-1", (current, now) -> new Proposal<>(current.spec(), Outcome.of(current.state(),
                    ping("first"), ping("second"), ping("third")), Boolean.TRUE));
            a.tick();
        }
        // A delivered the first at once and renewed the second's claim before delivering it; by the third, its
        // lease had run out and B had taken it over and delivered it: A skips it instead of sending it twice
        assertThat(delivered).containsExactly("A first", "A second", "B third");
        assertThat(vigil.notifications().list(OutboxStatus.DELIVERED, 10)).hasSize(3);
    }

    private static Change ping(String reason) {
        return new Change("", TransitionType.OCCURRENCE, "OPEN", "OPEN", Severity.INFO, reason, Map.of(), null, "");
    }

    @Test
    void namesAreUniqueWithinAKind() {
        open("T-1", spec("same", 10));
        assertThatThrownBy(() -> open("T-2", spec("same", 10))).isInstanceOf(DuplicateNameException.class);
        assertThat(tickets.find("T-2")).isEmpty();
    }

    @Test
    void listAndDelete() {
        open("T-1", spec("a", 10));
        open("T-2", spec("b", 10));
        open("T-3", spec("c", 10));
        assertThat(tickets.list(null, 2)).extracting(Subject::key).containsExactly("T-1", "T-2");
        assertThat(tickets.list("T-2", 2)).extracting(Subject::key).containsExactly("T-3");
        assertThat(tickets.delete("T-2")).isTrue();
        assertThat(tickets.delete("T-2")).isFalse();
        assertThat(tickets.list(null, 10)).extracting(Subject::key).containsExactly("T-1", "T-3");
        assertThat(tickets.find("T-2")).isEqualTo(Optional.empty());
    }

    @Test
    void aKindThisVigilDoesNotRunIsRefused() {
        try (Vigil plain = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).build()) {
            assertThatThrownBy(() -> plain.subjects(TicketKind.INSTANCE)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("test_ticket");
            // due subjects of a kind it does not know are left alone, not broken
            open("T-1", spec("a", 1));
            clock.advance(Duration.ofMinutes(2));
            assertThat(plain.tick().transitions()).isZero();
            assertThat(tickets.find("T-1").orElseThrow().status()).isEqualTo("OPEN");
        }
    }
}
