package dev.vigil.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Decision;
import dev.vigil.model.Severity;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Transition;
import dev.vigil.model.TransitionType;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The memory outbox forgets the oldest delivered entries beyond its cap, never pending or failed ones. */
class MemoryOutboxRetentionTest {
    private static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");

    private static OutboxEntry entry(int i) {
        Transition t = new Transition("t" + i, SubjectRef.of("push_monitor", "1"), "m", "", TransitionType.CHANGE,
                "UP", "DOWN", Severity.CRITICAL, T0.plusSeconds(i), "why", Map.of(), Decision.SENT, "sent to ops");
        return OutboxEntry.pending("e" + i, "ops", null, t);
    }

    @Test
    void deliveredEntriesBeyondTheCapAreForgottenOldestFirst() {
        Object lock = new Object();
        MemoryOutboxStore outbox = new MemoryOutboxStore(lock, 3);
        List<OutboxEntry> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(entry(i));
        }
        synchronized (lock) {
            outbox.add(all);
        }
        List<OutboxEntry> claimed = outbox.claim(T0.plusSeconds(100), Duration.ofSeconds(30), 100);
        String token = claimed.get(0).claimToken();
        assertThat(outbox.markFailed("e0", token, T0, "gave up")).isTrue();
        for (int i = 1; i <= 5; i++) {
            assertThat(outbox.markDelivered("e" + i, token, T0.plusSeconds(200 + i))).isTrue();
        }
        assertThat(outbox.list(OutboxStatus.DELIVERED, 100)).extracting(OutboxEntry::id)
                .containsExactly("e5", "e4", "e3");
        assertThat(outbox.find("e1")).isEmpty();
        assertThat(outbox.count(OutboxStatus.DELIVERED)).isEqualTo(3);
        assertThat(outbox.list(OutboxStatus.FAILED, 100)).extracting(OutboxEntry::id).containsExactly("e0");
        assertThat(outbox.list(OutboxStatus.PENDING, 100)).extracting(OutboxEntry::id).containsExactly("e7", "e6");
        assertThat(outbox.list(null, 4)).extracting(OutboxEntry::id).containsExactly("e7", "e6", "e5", "e4");
    }

    @Test
    void theStoreKeepsTenThousandDeliveredEntries() {
        assertThat(MemoryStore.DELIVERED_NOTIFICATIONS_KEPT).isEqualTo(10_000);
    }
}
