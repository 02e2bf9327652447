package dev.vigil.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.monitor.MonitorStatus;
import dev.vigil.model.Decision;
import dev.vigil.notify.SubjectKind;
import dev.vigil.model.Transition;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory outbox forgets the oldest delivered entries beyond its cap, never pending or failed ones. */
class MemoryOutboxRetentionTest {
    private static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");

    private static OutboxEntry entry(int i) {
        Transition t = new Transition("t" + i, SubjectKind.PUSH_MONITOR, 1, "m", MonitorStatus.UP, MonitorStatus.DOWN,
                T0.plusSeconds(i), "why", Decision.SENT, "sent to ops");
        return OutboxEntry.pending("e" + i, "ops", t);
    }

    @Test
    void deliveredEntriesBeyondTheCapAreForgottenOldestFirst() {
        MemoryOutboxStore outbox = new MemoryOutboxStore(3);
        List<OutboxEntry> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(entry(i));
        }
        outbox.add(all);
        outbox.claim(T0.plusSeconds(100), Duration.ofSeconds(30), 100);
        outbox.markFailed("e0", T0, "gave up");
        for (int i = 1; i <= 5; i++) {
            outbox.markDelivered("e" + i, T0.plusSeconds(200 + i));
        }
        assertThat(outbox.list(OutboxStatus.DELIVERED, 100)).extracting(OutboxEntry::id)
                .containsExactly("e5", "e4", "e3");
        assertThat(outbox.find("e1")).isEmpty();
        assertThat(outbox.list(OutboxStatus.FAILED, 100)).extracting(OutboxEntry::id).containsExactly("e0");
        assertThat(outbox.list(OutboxStatus.PENDING, 100)).extracting(OutboxEntry::id).containsExactly("e7", "e6");
        assertThat(outbox.list(null, 4)).extracting(OutboxEntry::id).containsExactly("e7", "e6", "e5", "e4");
    }
}
