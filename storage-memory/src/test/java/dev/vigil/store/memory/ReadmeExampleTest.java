package dev.vigil.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.heartbeat.CheckEvent;
import dev.vigil.heartbeat.Heartbeat;
import dev.vigil.heartbeat.HeartbeatSpec;
import dev.vigil.kind.Change;
import dev.vigil.kind.Codec;
import dev.vigil.kind.Outcome;
import dev.vigil.kind.SubjectKind;
import dev.vigil.kind.Subjects;
import dev.vigil.kind.Update;
import dev.vigil.model.Severity;
import dev.vigil.monitor.AlertOn;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.MonitorStatus;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.monitor.PushResult;
import dev.vigil.model.Transition;
import dev.vigil.task.Crash;
import dev.vigil.task.Metric;
import dev.vigil.task.MetricSample;
import dev.vigil.task.TaskLevel;
import dev.vigil.task.TaskSpec;
import dev.vigil.task.TaskStatus;
import dev.vigil.task.TaskType;
import dev.vigil.task.Tolerance;
import dev.vigil.testkit.ManualClock;
import dev.vigil.testkit.RecordingNotifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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

    @Test
    void alertRuleTasks() {
        ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
        Vigil vigil = Vigil.builder().store(new MemoryStore()).clock(clock).notifier(new RecordingNotifier())
                .channel("slack", new RecordingNotifier()).build();
        // --- README: Alert-rule tasks ---
        vigil.tasks().create(TaskSpec.memory("billing-prod", "web", 200, 500, Duration.ofHours(12), Duration.ofMinutes(1))
                .slack("#ops").build());
        vigil.tasks().create(TaskSpec.fiveXx("billing-prod", Tolerance.MEDIUM).slack("#ops").build());

        vigil.apps().record("billing-prod", List.of(
                MetricSample.of(Metric.MEMORY_MB, 612, "web.1"),       // a dyno's memory in MB
                MetricSample.of(Metric.HTTP_REQUESTS, 1200, "web.1"),  // counts add up per minute
                MetricSample.of(Metric.HTTP_5XX, 3, "web.1")));
        vigil.apps().crash("billing-prod", new Crash("web.1", "R14 memory quota exceeded", null));

        clock.advance(Duration.ofMinutes(1));
        vigil.tick();                                          // memory/billing-prod/web: web.1 is CRITICAL
        TaskStatus s = vigil.tasks().findMemory("billing-prod", "web").orElseThrow().status();
        // --- end ---
        assertThat(s.level()).isEqualTo(TaskLevel.CRITICAL);
        assertThat(s.dynos().get("web.1").meanMb()).isEqualTo(612);
        assertThat(vigil.tasks().find(TaskType.FIVE_XX, "billing-prod").orElseThrow().status().value()).isEqualTo(3);
        vigil.close();
    }

    // --- README: Your own kind of subject ---
    record TicketSpec(String title, long answerWithinMillis) { }
    record TicketState(String status, @Nullable Long answerBy) { }

    static final class TicketKind implements SubjectKind<TicketSpec, TicketState> {
        public String name() { return "ticket"; }                       // stable forever: stores keep it
        public Codec<TicketSpec> specCodec() { return Codec.json(TicketSpec.class); }
        public Codec<TicketState> stateCodec() { return Codec.json(TicketState.class); }
        public String displayName(String key, TicketSpec spec) { return spec.title(); }
        public String status(TicketSpec spec, TicketState s) { return s.status(); }
        public @Nullable Instant nextDue(TicketSpec spec, TicketState s) {
            return s.answerBy() == null ? null : Instant.ofEpochMilli(s.answerBy() + 1);
        }
        public Outcome<TicketState> onDue(String key, TicketSpec spec, TicketState s, Instant now) {
            return Outcome.of(new TicketState("OVERDUE", null),
                    Change.of(s.status(), "OVERDUE", Severity.CRITICAL, "no answer in time"));
        }
        public Duration period(TicketSpec spec) { return Duration.ofMillis(spec.answerWithinMillis()); }
        public TicketState afterGap(TicketSpec spec, TicketState s, Instant gapEnd) {
            return new TicketState(s.status(), gapEnd.toEpochMilli() + spec.answerWithinMillis());
        }
    }

    @Test
    void yourOwnKindOfSubject() {
        ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
        RecordingNotifier sent = new RecordingNotifier();
        // --- README: Your own kind of subject (usage; clock and notifier added for the assertions) ---
        TicketKind kind = new TicketKind();
        Vigil vigil = Vigil.builder().store(new MemoryStore()).clock(clock).notifier(sent).kind(kind).build();
        Subjects<TicketSpec, TicketState> tickets = vigil.subjects(kind);
        TicketSpec spec = new TicketSpec("Printer on fire", 600_000);
        tickets.update("T-1", (current, now) -> current != null ? null            // open it once
                : new Update.Proposal<>(spec, Outcome.of(new TicketState("OPEN", now.toEpochMilli() + 600_000)), true));
        // --- end ---
        clock.advance(Duration.ofMinutes(11));
        vigil.tick();
        assertThat(tickets.find("T-1").orElseThrow().status()).isEqualTo("OVERDUE");
        assertThat(sent.transitions()).extracting(Transition::to).containsExactly("OVERDUE");
        vigil.close();
    }

    @Test
    void heartbeats() {
        ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
        Vigil vigil = Vigil.builder().store(new MemoryStore()).clock(clock).notifier(new RecordingNotifier()).build();
        // --- README: Heartbeats (seed 004) ---
        Heartbeat hb = vigil.heartbeats().create(HeartbeatSpec.of(
                Map.of("connector", "c1", "connector_name", "connector1"), "10s"));
        vigil.heartbeats().receive(CheckEvent.check("c1", "connector1", "host1", "disk", 0)); // a signal; it matches hb
        HeartbeatSpec quorum = HeartbeatSpec.builder().field("connector", "zabbix").field("resource", "ping")
                .expectedInterval("1m").quorum(3, "component").build();              // 3 distinct hosts a minute
        vigil.heartbeats().create(quorum);
        // --- end ---
        vigil.tick();
        assertThat(hb.id()).isEqualTo("dee45902d176471ef5cf5c281fc3b83b");
        assertThat(vigil.heartbeats().get(hb.id()).orElseThrow().lastMatchAt()).isEqualTo(clock.instant());
        assertThat(vigil.heartbeats().list()).hasSize(2);
        vigil.close();
    }
}
