package dev.vigil.testkit;

import static dev.vigil.testkit.ContractFixtures.KIND;
import static dev.vigil.testkit.ContractFixtures.OTHER_KIND;
import static dev.vigil.testkit.ContractFixtures.T0;
import static dev.vigil.testkit.ContractFixtures.next;
import static dev.vigil.testkit.ContractFixtures.subject;
import static dev.vigil.testkit.ContractFixtures.transition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Decision;
import dev.vigil.model.Severity;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Transition;
import dev.vigil.model.TransitionType;
import dev.vigil.spi.Commit;
import dev.vigil.spi.StoredSubject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@link dev.vigil.spi.TransitionLog} contract: transitions written by subject writes come back per subject,
 * newest first, with every field as written.
 *
 * <p>A store module runs it by extending it and implementing {@link #createStore()}:
 * <pre>{@code
 * class MyStoreTransitionLogContractTest extends TransitionLogContractTest {
 *     protected VigilStore createStore() { return new MyStore(...); } // a fresh, empty store
 * }
 * }</pre>
 */
public abstract class TransitionLogContractTest extends StoreContract {

    private StoredSubject write(StoredSubject s, List<Transition> transitions) {
        StoredSubject n = next(s);
        assertThat(store.subjects().compareAndSet(n, new Commit(transitions, List.of(), null))).isTrue();
        return n;
    }

    @Test
    void recentIsNewestFirstWithTheLimit() {
        StoredSubject s = subject("1", null);
        assertThat(store.subjects().insert(s, Commit.NONE)).isTrue();
        List<Transition> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Transition t = transition(s.ref(), T0.plusSeconds(i));
            written.add(t);
            s = write(s, List.of(t));
        }
        assertThat(store.transitions().recent(s.ref(), 10)).containsExactly(written.get(4), written.get(3),
                written.get(2), written.get(1), written.get(0));
        assertThat(store.transitions().recent(s.ref(), 2)).containsExactly(written.get(4), written.get(3));
        assertThat(store.transitions().recent(s.ref(), 1)).containsExactly(written.get(4));
    }

    @Test
    void severalTransitionsOfOneWriteKeepTheirOrder() {
        StoredSubject s = subject("1", null);
        Transition a = transition(s.ref(), T0);
        Transition b = transition(s.ref(), T0.plusMillis(1));
        assertThat(store.subjects().insert(s, new Commit(List.of(a, b), List.of(), null))).isTrue();
        assertThat(store.transitions().recent(s.ref(), 10)).containsExactly(b, a);
    }

    @Test
    void everyFieldRoundTrips() {
        StoredSubject s = subject("1", null);
        assertThat(store.subjects().insert(s, Commit.NONE)).isTrue();
        Transition change = new Transition(ContractFixtures.newId(), s.ref(), "Daily \u00e9 backup", "storage",
                TransitionType.CHANGE, "HEALTHY", "CRITICAL", Severity.CRITICAL, T0.plusMillis(123),
                "free 4% < 10%; path org/eu/prod/db",
                Map.of("kind", KIND, "key", "1", "from", "HEALTHY", "to", "CRITICAL", "severity", "critical",
                        "aspect", "storage", "group", "Backups", "team", "db \u2713"),
                Decision.SILENCED, "silence 7f3a matched");
        Transition reminder = new Transition(ContractFixtures.newId(), s.ref(), "n", "", TransitionType.REMINDER,
                "DOWN", "DOWN", Severity.WARNING, T0.plusSeconds(1), "still down", Map.of(), Decision.SENT, "ops");
        Transition occurrence = new Transition(ContractFixtures.newId(), s.ref(), "n", "web.1",
                TransitionType.OCCURRENCE, "", "CRASHED", Severity.INFO, T0.plusSeconds(2), "", Map.of("dyno",
                        "web.1"), Decision.NOT_ROUTED, "");
        Transition resolved = new Transition(ContractFixtures.newId(), s.ref(), "n", "health",
                TransitionType.CHANGE, "DOWN", "UP", Severity.RESOLVED, T0.plusSeconds(3), "push received",
                Map.of("kind", KIND), Decision.SUPPRESSED_BY_DEPENDENCY, "db is down");
        write(s, List.of(change, reminder, occurrence, resolved));
        assertThat(store.transitions().recent(s.ref(), 10)).containsExactly(resolved, occurrence, reminder,
                change);
    }

    @Test
    void historiesAreKeptPerSubject() {
        StoredSubject a = subject(KIND, "1", "a", Map.of(), "UP", null);
        StoredSubject b = subject(OTHER_KIND, "1", "b", Map.of(), "UP", null);
        Transition ta = transition(a.ref(), T0);
        Transition tb = transition(b.ref(), T0);
        assertThat(store.subjects().insert(a, new Commit(List.of(ta), List.of(), null))).isTrue();
        assertThat(store.subjects().insert(b, new Commit(List.of(tb), List.of(), null))).isTrue();
        assertThat(store.transitions().recent(a.ref(), 10)).containsExactly(ta);
        assertThat(store.transitions().recent(b.ref(), 10)).containsExactly(tb);
        assertThat(store.transitions().recent(SubjectRef.of(KIND, "2"), 10)).isEmpty();
    }
}
