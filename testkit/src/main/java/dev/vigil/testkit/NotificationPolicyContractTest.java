package dev.vigil.testkit;

import static dev.vigil.monitor.MonitorStatus.DOWN;
import static dev.vigil.monitor.MonitorStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.monitor.AlertOn;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.model.Decision;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Silence;
import dev.vigil.model.Transition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Silences, repeat notifications, flap damping, routes and the decisions recorded in history, on every store. */
public abstract class NotificationPolicyContractTest extends StoreContract {
    protected final ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
    protected final RecordingNotifier sent = new RecordingNotifier();
    protected final RecordingNotifier ops = new RecordingNotifier();
    private Vigil vigil;

    private Vigil vigil(Vigil.Builder b) {
        vigil = b.store(store).closeStoreOnClose(false).clock(clock).notifier(sent).channel("ops", ops).build();
        return vigil;
    }

    @AfterEach
    void close() {
        if (vigil != null) {
            vigil.close();
        }
    }

    private CreatedMonitor minutely(Vigil v, String name, PushMonitorSpec.Builder b) {
        CreatedMonitor m = v.monitors().create(b.name(name).expectedInterval(Duration.ofMinutes(1)));
        v.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        return m;
    }

    @Test
    void aSilenceKeepsStateAndHistoryButSendsNothing() {
        Vigil v = vigil(Vigil.builder());
        CreatedMonitor quiet = minutely(v, "db-backup", PushMonitorSpec.named("x").group("Maintenance"));
        CreatedMonitor loud = minutely(v, "web-backup", PushMonitorSpec.named("x"));
        Silence s = v.silences().create(List.of(LabelMatcher.parse("group=Maintenance")), clock.instant(),
                clock.instant().plus(Duration.ofHours(2)), "alice", "planned migration");

        clock.advance(Duration.ofMinutes(5));
        v.tick();
        assertThat(v.monitors().get(quiet.id()).orElseThrow().status()).isEqualTo(DOWN);
        assertThat(sent.transitions()).extracting(Transition::subjectName).containsExactly("web-backup");
        assertThat(v.monitors().history(quiet.id(), 1)).singleElement().satisfies(t -> {
            assertThat(t.decision()).isEqualTo(Decision.SILENCED);
            assertThat(t.decisionDetail()).contains(s.id());
        });
        assertThat(v.notifications().list(null, 100)).extracting(e -> e.transition().key())
                .doesNotContain(Long.toString(quiet.id()));

        // after the silence ends, the next change is notified again
        clock.advance(Duration.ofHours(3));
        v.monitors().push(quiet.id(), quiet.secret(), Payload.EMPTY);
        v.tick();
        assertThat(sent.transitions()).extracting(Transition::subjectName, Transition::to)
                .contains(org.assertj.core.groups.Tuple.tuple("db-backup", "UP"));
    }

    @Test
    void silencesCanBeListedAndExpired() {
        Vigil v = vigil(Vigil.builder());
        Instant now = clock.instant();
        Silence s = v.silences().create(List.of(LabelMatcher.parse("name=~web-.*")), now, now.plusSeconds(3600),
                "bob", "");
        Silence later = v.silences().create(List.of(LabelMatcher.parse("kind=push_monitor")),
                now.plusSeconds(7200), now.plusSeconds(9000), "bob", "tonight");
        assertThat(v.silences().list(true)).extracting(Silence::id).containsExactly(s.id());
        assertThat(v.silences().list(false)).extracting(Silence::id).containsExactlyInAnyOrder(s.id(), later.id());
        assertThat(v.silences().get(s.id())).contains(s);
        assertThat(v.silences().expire(s.id())).isTrue();
        assertThat(v.silences().expire(s.id())).isFalse();
        assertThat(v.silences().get(s.id()).orElseThrow().endsAt()).isEqualTo(now);
        assertThat(v.silences().list(true)).isEmpty();
        assertThat(v.silences().expire("nope")).isFalse();
        assertThat(v.silences().get("nope")).isEmpty();
    }

    @Test
    void badSilencesAreRejected() {
        Vigil v = vigil(Vigil.builder());
        Instant now = clock.instant();
        List<LabelMatcher> any = List.of(LabelMatcher.parse("kind=push_monitor"));
        assertThatThrownBy(() -> v.silences().create(List.of(), now, now.plusSeconds(60), "a", ""))
                .hasMessageContaining("matchers");
        assertThatThrownBy(() -> v.silences().create(any, now, now, "a", "")).hasMessageContaining("after starts_at");
        assertThatThrownBy(() -> v.silences().create(any, now.minusSeconds(100), now.minusSeconds(10), "a", ""))
                .hasMessageContaining("future");
        assertThatThrownBy(() -> v.silences().create(any, now, now.plus(Duration.ofDays(400)), "a", ""))
                .hasMessageContaining("at most");
        assertThatThrownBy(() -> LabelMatcher.parse("no operator")).hasMessageContaining("name=value");
        assertThatThrownBy(() -> LabelMatcher.parse("name=~(unclosed")).hasMessageContaining("invalid");
        assertThat(v.silences().list(false)).isEmpty();
    }

    @Test
    void repeatEveryRemindsWhileDownAndStopsOnRecovery() {
        Vigil v = vigil(Vigil.builder());
        CreatedMonitor m = minutely(v, "nag", PushMonitorSpec.named("x").repeatEvery(Duration.ofMinutes(30)));
        clock.advance(Duration.ofMinutes(2));
        v.tick(); // DOWN
        clock.advance(Duration.ofMinutes(29));
        v.tick();
        assertThat(sent.transitions()).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        v.tick(); // first reminder
        clock.advance(Duration.ofHours(2));
        v.tick(); // several periods missed: one reminder, not a burst
        assertThat(sent.transitions()).extracting(Transition::from, Transition::to).containsExactly(
                org.assertj.core.groups.Tuple.tuple("UP", "DOWN"), org.assertj.core.groups.Tuple.tuple("DOWN", "DOWN"),
                org.assertj.core.groups.Tuple.tuple("DOWN", "DOWN"));
        assertThat(sent.transitions().get(1).reason()).contains("still DOWN since").contains("reminder 1");
        assertThat(sent.transitions().get(2).reason()).contains("reminder 5");

        v.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        clock.advance(Duration.ofSeconds(59));
        v.tick();
        assertThat(sent.transitions()).extracting(Transition::to).containsExactly("DOWN", "DOWN", "DOWN", "UP");
    }

    @Test
    void flappingSendsOneNoticeThenQuietUntilStable() {
        Vigil v = vigil(Vigil.builder().flapping(4, Duration.ofMinutes(10)));
        CreatedMonitor m = minutely(v, "flappy", PushMonitorSpec.named("x")); // change 1: NO_PUSH_YET -> UP
        for (int i = 0; i < 4; i++) { // changes 2..9: DOWN, UP, DOWN, UP, ...
            clock.advance(Duration.ofSeconds(30));
            v.monitors().push(m.id(), m.secret(), Payload.status("error"));
            clock.advance(Duration.ofSeconds(30));
            v.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        }
        v.tick();
        List<Transition> history = v.monitors().history(m.id(), 20);
        assertThat(history).extracting(Transition::decision).containsExactly(Decision.SUPPRESSED_FLAPPING,
                Decision.SUPPRESSED_FLAPPING, Decision.SUPPRESSED_FLAPPING, Decision.SUPPRESSED_FLAPPING,
                Decision.SUPPRESSED_FLAPPING, Decision.FLAPPING, Decision.SENT, Decision.SENT, Decision.NOT_ROUTED);
        assertThat(sent.transitions()).hasSize(3);
        assertThat(sent.transitions().get(2).decisionDetail()).contains("4 changes within 600s");

        clock.advance(Duration.ofMinutes(11)); // stable for the window... then it breaks again
        v.monitors().push(m.id(), m.secret(), Payload.status("error"));
        v.tick();
        assertThat(v.monitors().history(m.id(), 1).get(0).decision()).isEqualTo(Decision.SENT);
        assertThat(sent.transitions()).hasSize(4);
    }

    @Test
    void routesAddChannelsByLabelAndAlertOnIsExplained(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("vigil.yaml");
        Files.writeString(f, String.join("\n",
                "routing:",
                "  routes:",
                "    - match: [\"group=~Nightly.*\", \"to=DOWN\"]",
                "      channels: [ops]",
                ""));
        Vigil v = vigil(Vigil.builder().config(f));
        CreatedMonitor nightly = minutely(v, "export", PushMonitorSpec.named("x").group("Nightly jobs"));
        CreatedMonitor other = minutely(v, "other", PushMonitorSpec.named("x").alertOn(AlertOn.DOWN));
        clock.advance(Duration.ofMinutes(2));
        v.tick();
        v.monitors().push(nightly.id(), nightly.secret(), Payload.EMPTY);
        v.monitors().push(other.id(), other.secret(), Payload.EMPTY);
        v.tick();
        assertThat(ops.transitions()).extracting(Transition::subjectName, Transition::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("export", "DOWN"));
        assertThat(sent.transitions()).hasSize(3);
        assertThat(v.monitors().history(other.id(), 10)).extracting(Transition::decision, Transition::decisionDetail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Decision.NOT_ROUTED, "alert_on does not include up"),
                        org.assertj.core.groups.Tuple.tuple(Decision.SENT, "sent to default"),
                        org.assertj.core.groups.Tuple.tuple(Decision.NOT_ROUTED, "a first push is not an alert"));
    }

    @Test
    void routesMustNameKnownChannels(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("vigil.yaml");
        Files.writeString(f, "routing:\n  routes:\n    - match: [\"kind=push_monitor\"]\n      channels: [pager]\n");
        assertThatThrownBy(() -> vigil(Vigil.builder().config(f))).hasMessageContaining("routing.routes[0].channels")
                .hasMessageContaining("unknown channel 'pager'");
        Files.writeString(f, "routing:\n  default: [nobody]\n");
        assertThatThrownBy(() -> vigil(Vigil.builder().config(f))).hasMessageContaining("routing.default");
    }
}
