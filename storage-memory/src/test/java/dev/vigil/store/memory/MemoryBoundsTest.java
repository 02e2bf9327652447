package dev.vigil.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.Decision;
import dev.vigil.model.Severity;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Transition;
import dev.vigil.model.TransitionType;
import dev.vigil.spi.AppendedRecord;
import dev.vigil.spi.Commit;
import dev.vigil.spi.RecordQuery;
import dev.vigil.spi.StoredSubject;
import dev.vigil.spi.SubjectChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The memory store forgets the oldest history, records and change-feed entries beyond its bounds. */
class MemoryBoundsTest {
    private static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");
    private static final SubjectRef REF = SubjectRef.of("test_kind", "1");

    private static Transition transition(int i) {
        return new Transition("t" + i, REF, "n", "", TransitionType.CHANGE, "UP", "DOWN", Severity.CRITICAL,
                T0.plusSeconds(i), "why", Map.of(), Decision.SENT, "ops");
    }

    private static StoredSubject subject(String key) {
        return new StoredSubject(SubjectRef.of("test_kind", key), 1, "n" + key, Map.of(), "UP", null, "{}", "{}", T0,
                T0);
    }

    @Test
    void keepsTheNewestTransitionsPerSubject() {
        Object lock = new Object();
        MemoryTransitionLog log = new MemoryTransitionLog(lock, 3);
        List<Transition> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.add(transition(i));
        }
        synchronized (lock) {
            log.append(written);
        }
        assertThat(log.recent(REF, 10)).extracting(Transition::id).containsExactly("t4", "t3", "t2");
    }

    @Test
    void keepsTheNewestChangesOfTheFeed() {
        Object lock = new Object();
        MemoryOutboxStore outbox = new MemoryOutboxStore(lock, 10);
        MemorySubjectStore subjects = new MemorySubjectStore(lock, new MemoryTransitionLog(lock, 10), outbox,
                new MemoryIdempotencyStore(lock), 3);
        for (int i = 0; i < 5; i++) {
            assertThat(subjects.insert(subject("k" + i), Commit.NONE)).isTrue();
        }
        assertThat(subjects.changesSince(0, 100)).extracting(c -> c.ref().key()).containsExactly("k2", "k3", "k4");
        assertThat(subjects.changesSince(0, 100)).extracting(SubjectChange::seq).containsExactly(3L, 4L, 5L);
    }

    @Test
    void keepsTheNewestRecordsPerStream() {
        MemoryStore store = new MemoryStore(3);
        List<AppendedRecord> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(new AppendedRecord("event", "e" + i, i % 2 == 0 ? "a" : "b", T0.plusSeconds(i), null, "{}"));
        }
        store.records().append(records);
        store.records().append(List.of(new AppendedRecord("other", "o", "a", T0, null, "{}")));
        RecordQuery all = new RecordQuery("event", null, null, T0, T0.plusSeconds(60), null, 100);
        assertThat(store.records().query(all)).extracting(AppendedRecord::id).containsExactly("e4", "e3", "e2");
        RecordQuery ofA = new RecordQuery("event", "a", null, T0, T0.plusSeconds(60), null, 100);
        assertThat(store.records().query(ofA)).extracting(AppendedRecord::id).containsExactly("e4", "e2");
        assertThat(store.records().find("event", "e0")).isEmpty();
        assertThat(store.records().find("other", "o")).isPresent();
    }

    @Test
    void theRecordBoundMustBePositive() {
        assertThatThrownBy(() -> new MemoryStore(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(MemoryStore.RECORDS_PER_STREAM).isEqualTo(100_000);
        assertThat(MemoryStore.HISTORY_PER_SUBJECT).isEqualTo(1000);
    }
}
