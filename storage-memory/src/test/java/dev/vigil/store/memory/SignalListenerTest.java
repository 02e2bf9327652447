package dev.vigil.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Signal;
import dev.vigil.Vigil;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalListenerTest {
    @Test
    void everyAcceptedPushIsASignalAndAFailingListenerDoesNotFailThePush() {
        ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
        List<Signal> seen = new ArrayList<>();
        Vigil vigil = Vigil.builder().store(new MemoryStore()).clock(clock).notifier(n -> { })
                .onSignal(seen::add)
                .onSignal(s -> {
                    throw new IllegalStateException("a buggy listener");
                })
                .build();
        CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("backup").expectedInterval(Duration.ofDays(1)));
        assertThat(vigil.monitors().push(m.id(), m.secret(), new Payload("success", "done",
                Map.of("details.files_backed_up", "1234"))).isAccepted()).isTrue();
        assertThat(vigil.monitors().push(m.id(), "wrong", Payload.EMPTY).isAccepted()).isFalse();

        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.source()).isEqualTo(Signal.PUSH);
            assertThat(s.at()).isEqualTo(Instant.parse("2025-01-15T12:00:00Z"));
            assertThat(s.fields()).containsEntry("monitor_id", Long.toString(m.id()))
                    .containsEntry("monitor_name", "backup").containsEntry("status", "success")
                    .containsEntry("message", "done").containsEntry("details.files_backed_up", "1234")
                    .containsEntry("connector", "vigil").containsEntry("connector_name", "push")
                    .containsEntry("component", "push_monitors").containsEntry("resource", "backup");
        });
        assertThat(vigil.monitors().get(m.id()).orElseThrow().pushCount()).isEqualTo(1);
        vigil.close();
    }
}
