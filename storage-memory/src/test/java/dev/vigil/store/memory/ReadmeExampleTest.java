package dev.vigil.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.monitor.AlertOn;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.MonitorStatus;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.monitor.PushResult;
import dev.vigil.model.Transition;
import dev.vigil.testkit.ManualClock;
import dev.vigil.testkit.RecordingNotifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code blocks of README.md, compiled and run, so the README cannot drift from the API. */
class ReadmeExampleTest {

    @Test
    void embeddingVigil(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("vigil.yaml");
        Files.writeString(config, "monitors: []\n");
        // --- README: Embedding Vigil ---
        Vigil vigil = Vigil.builder()
                .store(new MemoryStore())                      // state lives here
                .config(config)                                // monitors and channels as code (optional)
                .build();                                      // validates everything now
        vigil.start();                                         // background evaluator + delivery

        CreatedMonitor backup = vigil.monitors().create(PushMonitorSpec.named("Daily Backup Job")
                .expectedInterval(Duration.ofDays(1)).gracePeriod(Duration.ofHours(1))
                .alertOn(AlertOn.DOWN, AlertOn.UP));
        String secret = backup.secret();                       // shown once; only its hash is stored

        PushResult r = vigil.monitors().push(backup.id(), secret, Payload.status("success", "Backup completed"));
        r.nextExpectedBy();                                    // last push + interval + grace

        vigil.close();                                         // on shutdown
        // --- end ---
        assertThat(r.isAccepted()).isTrue();
        assertThat(r.nextExpectedBy()).isEqualTo(r.receivedAt().plus(Duration.ofHours(25)));
    }

    @Test
    void inYourOwnUnitTests() {
        // --- README: In your own unit tests ---
        ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
        RecordingNotifier sent = new RecordingNotifier();
        Vigil vigil = Vigil.builder().store(new MemoryStore()).clock(clock).notifier(sent).build();
        // --- end ---
        CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("Daily Backup Job")
                .expectedInterval(Duration.ofDays(1)).gracePeriod(Duration.ofHours(1)));
        vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        clock.advance(Duration.ofHours(25).plusMinutes(1));
        vigil.tick();
        assertThat(sent.transitions()).extracting(Transition::to).containsExactly("DOWN");
        assertThat(sent.transitions().get(0).at()).isEqualTo(Instant.parse("2025-01-16T13:01:00Z"));
        vigil.close();
    }
}
