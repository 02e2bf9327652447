package dev.vigil.testkit;

import static dev.vigil.monitor.MonitorStatus.DOWN;
import static dev.vigil.monitor.MonitorStatus.NO_PUSH_YET;
import static dev.vigil.monitor.MonitorStatus.PAUSED;
import static dev.vigil.monitor.MonitorStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.monitor.AlertOn;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.DuplicateMonitorNameException;
import dev.vigil.monitor.MonitorNotFoundException;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitor;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.monitor.PushResult;
import dev.vigil.monitor.PushResult.Outcome;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Silence;
import dev.vigil.model.Transition;
import dev.vigil.spi.OutboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Push monitor behaviour (seed 002 and beyond) through the Java API, on the store under test. */
public abstract class PushMonitorContractTest extends StoreContract {
    protected ManualClock clock;
    protected RecordingNotifier sent;
    protected Vigil vigil;

    @BeforeEach
    void buildVigil() {
        clock = ManualClock.at("2025-01-15T12:00:00Z");
        sent = new RecordingNotifier();
        vigil = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).notifier(sent).build();
    }

    @AfterEach
    void closeVigil() {
        vigil.close();
    }

    private CreatedMonitor daily() {
        return vigil.monitors().create(PushMonitorSpec.named("Daily Backup Job").group("Maintenance Tasks")
                .expectedInterval(Duration.ofSeconds(86400)).gracePeriod(Duration.ofSeconds(3600))
                .alertOn(AlertOn.DOWN, AlertOn.UP));
    }

    private PushMonitor get(long id) {
        return vigil.monitors().get(id).orElseThrow();
    }

    @Test
    void theSeedTimeline() {
        CreatedMonitor m = daily();
        assertThat(get(m.id()).status()).isEqualTo(NO_PUSH_YET);

        PushResult first = vigil.monitors().push(m.id(), m.secret(), Payload.status("success", "Backup completed"));
        assertThat(first.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(first.receivedAt()).isEqualTo(Instant.parse("2025-01-15T12:00:00Z"));
        assertThat(first.nextExpectedBy()).isEqualTo(Instant.parse("2025-01-16T13:00:00Z"));
        assertThat(first.warnings()).isEmpty();
        assertThat(get(m.id()).status()).isEqualTo(UP);

        clock.set("2025-01-16T13:00:00Z"); // the deadline itself: still UP
        vigil.tick();
        assertThat(get(m.id()).status()).isEqualTo(UP);
        assertThat(sent.transitions()).isEmpty();

        clock.set("2025-01-16T13:01:00Z");
        vigil.tick();
        assertThat(get(m.id()).status()).isEqualTo(DOWN);
        assertThat(sent.transitions()).extracting(Transition::to).containsExactly("DOWN");
        vigil.tick();
        assertThat(sent.transitions()).hasSize(1);

        clock.set("2025-01-16T14:00:00Z");
        PushResult back = vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        assertThat(back.nextExpectedBy()).isEqualTo(Instant.parse("2025-01-17T15:00:00Z"));
        vigil.tick();
        assertThat(get(m.id()).status()).isEqualTo(UP);
        assertThat(sent.transitions()).extracting(Transition::from, Transition::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("UP", "DOWN"),
                        org.assertj.core.groups.Tuple.tuple("DOWN", "UP"));
        assertThat(vigil.monitors().history(m.id(), 10)).extracting(Transition::to).containsExactly("UP", "DOWN", "UP");
    }

    @Test
    void downIsStrictlyAfterTheDeadlineToTheMillisecond() {
        CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("m").expectedInterval(Duration.ofSeconds(60)));
        vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        clock.advance(Duration.ofSeconds(60));
        vigil.tick();
        assertThat(get(m.id()).status()).isEqualTo(UP);
        clock.advance(Duration.ofMillis(1));
        vigil.tick();
        assertThat(get(m.id()).status()).isEqualTo(DOWN);
    }

    @Test
    void aMonitorThatNeverPushedDoesNotGoDown() {
        CreatedMonitor m = daily();
        clock.advance(Duration.ofDays(30));
        vigil.tick();
        assertThat(get(m.id()).status()).isEqualTo(NO_PUSH_YET);
    }

    @Test
    void errorStatusesAreDownAtOnceAndOthersAreSuccess() {
        for (String status : List.of("error", "failed", "fail", "down", "ERROR")) {
            CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("m-" + status).expectedInterval(Duration.ofHours(1)));
            PushResult r = vigil.monitors().push(m.id(), m.secret(), Payload.status(status, "Task failed"));
            assertThat(r.status()).as(status).isEqualTo(DOWN);
            assertThat(r.warnings()).isEmpty();
        }
        vigil.tick();
        assertThat(sent.transitions()).hasSize(5).allSatisfy(t -> {
            assertThat(t.to()).isEqualTo("DOWN");
            assertThat(t.reason()).contains("Task failed");
        });

        CreatedMonitor ok = vigil.monitors().create(PushMonitorSpec.named("ok").expectedInterval(Duration.ofHours(1)));
        PushResult test = vigil.monitors().push(ok.id(), ok.secret(), Payload.status("test", "Testing push"));
        assertThat(test.status()).isEqualTo(UP);
        assertThat(test.warnings()).singleElement().asString().contains("unknown status 'test'");
        assertThat(vigil.monitors().push(ok.id(), ok.secret(), Payload.status("success")).warnings()).isEmpty();
    }

    @Test
    void rejectedPushesChangeNothing() {
        CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("strict").expectedInterval(Duration.ofHours(1))
                .requirePayload(true));
        assertThat(vigil.monitors().push(m.id(), "wrong-secret", Payload.status("success")).outcome())
                .isEqualTo(Outcome.INVALID_SECRET);
        assertThat(vigil.monitors().push(m.id(), "", Payload.status("success")).outcome())
                .isEqualTo(Outcome.INVALID_SECRET);
        assertThat(vigil.monitors().push(m.id(), m.secret() + "x", Payload.status("success")).outcome())
                .isEqualTo(Outcome.INVALID_SECRET);
        assertThat(vigil.monitors().push(m.id() + 999, m.secret(), Payload.status("success")).outcome())
                .isEqualTo(Outcome.MONITOR_NOT_FOUND);
        assertThat(vigil.monitors().push(-1, m.secret(), Payload.EMPTY).outcome()).isEqualTo(Outcome.MONITOR_NOT_FOUND);
        assertThat(vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY).outcome())
                .isEqualTo(Outcome.PAYLOAD_REQUIRED);
        PushMonitor unchanged = get(m.id());
        assertThat(unchanged.status()).isEqualTo(NO_PUSH_YET);
        assertThat(unchanged.pushCount()).isZero();
        assertThat(vigil.monitors().push(m.id(), m.secret(), Payload.status("success")).isAccepted()).isTrue();
    }

    @Test
    void failureAndRecoveryThresholds() {
        CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("flaky").expectedInterval(Duration.ofHours(1))
                .failureThreshold(3).recoveryThreshold(2));
        Payload fail = Payload.status("fail");
        Payload ok = Payload.status("ok");
        vigil.monitors().push(m.id(), m.secret(), ok);
        assertThat(vigil.monitors().push(m.id(), m.secret(), fail).status()).isEqualTo(UP);
        assertThat(vigil.monitors().push(m.id(), m.secret(), fail).status()).isEqualTo(UP);
        assertThat(vigil.monitors().push(m.id(), m.secret(), ok).status()).isEqualTo(UP); // streak broken
        vigil.monitors().push(m.id(), m.secret(), fail);
        vigil.monitors().push(m.id(), m.secret(), fail);
        assertThat(vigil.monitors().push(m.id(), m.secret(), fail).status()).isEqualTo(DOWN);
        assertThat(vigil.monitors().push(m.id(), m.secret(), ok).status()).isEqualTo(DOWN);
        assertThat(vigil.monitors().push(m.id(), m.secret(), ok).status()).isEqualTo(UP);
        assertThat(vigil.monitors().history(m.id(), 10)).extracting(Transition::to).containsExactly("UP", "DOWN", "UP");
    }

    @Test
    void aRunThatStartsAndNeverFinishesGoesDown() {
        CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("job").expectedInterval(Duration.ofDays(1))
                .maxRuntime(Duration.ofMinutes(30)));
        vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        clock.advance(Duration.ofHours(1));
        PushResult started = vigil.monitors().push(m.id(), m.secret(), Payload.start());
        assertThat(started.status()).isEqualTo(UP);
        assertThat(get(m.id()).runningSince()).isEqualTo(clock.instant());

        clock.advance(Duration.ofMinutes(30));
        vigil.tick();
        assertThat(get(m.id()).status()).isEqualTo(UP);
        clock.advance(Duration.ofSeconds(1));
        vigil.tick();
        assertThat(get(m.id()).status()).isEqualTo(DOWN);
        assertThat(sent.transitions()).singleElement().satisfies(t -> assertThat(t.reason()).contains("max_runtime"));

        vigil.monitors().push(m.id(), m.secret(), Payload.start());
        clock.advance(Duration.ofMinutes(5));
        vigil.monitors().push(m.id(), m.secret(), Payload.status("success"));
        clock.advance(Duration.ofHours(2));
        vigil.tick();
        assertThat(get(m.id()).status()).isEqualTo(UP);
        assertThat(get(m.id()).runningSince()).isNull();
    }

    @Test
    void pausedMonitorsAreQuietAndResumeWithAFreshPeriod() {
        CreatedMonitor m = daily();
        vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        assertThat(vigil.monitors().pause(m.id()).status()).isEqualTo(PAUSED);
        clock.advance(Duration.ofDays(10));
        vigil.tick();
        assertThat(get(m.id()).status()).isEqualTo(PAUSED);
        PushResult whilePaused = vigil.monitors().push(m.id(), m.secret(), Payload.status("error"));
        assertThat(whilePaused.isAccepted()).isTrue();
        assertThat(whilePaused.warnings()).anySatisfy(w -> assertThat(w).contains("paused"));
        assertThat(get(m.id()).status()).isEqualTo(PAUSED);

        clock.advance(Duration.ofDays(10));
        PushMonitor resumed = vigil.monitors().resume(m.id());
        assertThat(resumed.status()).isEqualTo(UP);
        assertThat(resumed.nextExpectedBy()).isEqualTo(clock.instant().plus(Duration.ofHours(25)));
        vigil.tick();
        assertThat(sent.transitions()).isEmpty();
        assertThat(vigil.monitors().history(m.id(), 10)).extracting(Transition::to).containsExactly("UP", "PAUSED", "UP");
    }

    @Test
    void alertOnDecidesWhoHears() {
        CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("down-only").expectedInterval(Duration.ofMinutes(1))
                .alertOn(AlertOn.DOWN));
        vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        clock.advance(Duration.ofMinutes(2));
        vigil.tick();
        vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        vigil.tick();
        assertThat(sent.transitions()).extracting(Transition::to).containsExactly("DOWN");
        assertThat(vigil.monitors().history(m.id(), 10)).extracting(Transition::notified)
                .containsExactly(false, true, false);
    }

    @Test
    void rotatingTheSecretInvalidatesTheOldOne() {
        CreatedMonitor m = daily();
        String fresh = vigil.monitors().rotateSecret(m.id());
        assertThat(fresh).hasSize(43).isNotEqualTo(m.secret());
        assertThat(vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY).outcome()).isEqualTo(Outcome.INVALID_SECRET);
        assertThat(vigil.monitors().push(m.id(), fresh, Payload.EMPTY).isAccepted()).isTrue();
        assertThatThrownBy(() -> vigil.monitors().rotateSecret(987654)).isInstanceOf(MonitorNotFoundException.class);
    }

    @Test
    void generatedSecretsAreRandomBase64Url() {
        CreatedMonitor a = daily();
        CreatedMonitor b = vigil.monitors().create(PushMonitorSpec.named("other").expectedInterval(Duration.ofHours(1)));
        assertThat(a.secret()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(b.secret());
        assertThat(a.toString()).doesNotContain(a.secret());
        assertThat(a.pushPath()).isEqualTo("/api/push/" + a.id() + "/" + a.secret());
    }

    @Test
    void updateKeepsIdAndStateAndValidates() {
        CreatedMonitor m = daily();
        vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        PushMonitorSpec hourly = get(m.id()).spec().toBuilder().expectedInterval(Duration.ofHours(1)).build();
        PushMonitor updated = vigil.monitors().update(m.id(), hourly);
        assertThat(updated.id()).isEqualTo(m.id());
        assertThat(updated.status()).isEqualTo(UP);
        assertThat(updated.nextExpectedBy()).isEqualTo(Instant.parse("2025-01-15T14:00:00Z"));
        assertThatThrownBy(() -> vigil.monitors().update(4242, hourly)).isInstanceOf(MonitorNotFoundException.class);
        assertThatThrownBy(() -> vigil.monitors().update(m.id(), hourly.toBuilder().notify("nobody").build()))
                .hasMessageContaining("unknown channel 'nobody'");
    }

    @Test
    void createValidatesNamesChannelsAndSecrets() {
        daily();
        assertThatThrownBy(this::daily).isInstanceOf(DuplicateMonitorNameException.class);
        assertThatThrownBy(() -> vigil.monitors().create(PushMonitorSpec.named("x").expectedInterval(Duration.ofHours(1))
                .notify("admin_email"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown channel 'admin_email'");
        PushMonitorSpec spec = PushMonitorSpec.named("y").expectedInterval(Duration.ofHours(1)).build();
        assertThatThrownBy(() -> vigil.monitors().create(spec, "short")).hasMessageContaining("secret_key");
        assertThat(vigil.monitors().create(spec, "my-own-secret-1234567").secret()).isEqualTo("my-own-secret-1234567");
    }

    @Test
    void deleteRemovesTheMonitorButKeepsItsHistoryUnreachable() {
        CreatedMonitor m = daily();
        assertThat(vigil.monitors().delete(m.id())).isTrue();
        assertThat(vigil.monitors().delete(m.id())).isFalse();
        assertThat(vigil.monitors().get(m.id())).isEmpty();
        assertThat(vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY).outcome()).isEqualTo(Outcome.MONITOR_NOT_FOUND);
        assertThatThrownBy(() -> vigil.monitors().history(m.id(), 10)).isInstanceOf(MonitorNotFoundException.class);
        assertThat(daily().id()).isNotEqualTo(m.id());
    }

    @Test
    void cronScheduleAcrossSpringForwardInBerlin() {
        // 02:30 does not exist on 2025-03-30 in Europe/Berlin: the run is due when the gap ends, 03:00 CEST.
        clock.set("2025-03-29T01:30:00Z"); // 02:30 CET, Saturday
        CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("nightly")
                .schedule("30 2 * * *", ZoneId.of("Europe/Berlin")).gracePeriod(Duration.ofMinutes(10)));
        PushResult r = vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        assertThat(r.nextExpectedBy()).isEqualTo(Instant.parse("2025-03-30T01:10:00Z")); // 03:00 CEST + 10 min
        clock.set("2025-03-30T01:10:00.001Z");
        vigil.tick();
        assertThat(get(m.id()).status()).isEqualTo(DOWN);
        clock.set("2025-03-30T01:15:00Z");
        r = vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        assertThat(r.nextExpectedBy()).isEqualTo(Instant.parse("2025-03-31T00:40:00Z")); // 02:30 CEST + 10 min
    }

    @Test
    void cronScheduleAcrossFallBackInBerlinRunsOnce() {
        // 02:30 happens twice on 2025-10-26 in Europe/Berlin; the job is expected once, at the first one (CEST).
        clock.set("2025-10-25T00:30:00Z"); // 02:30 CEST, Saturday
        CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("nightly")
                .schedule("30 2 * * *", ZoneId.of("Europe/Berlin")).gracePeriod(Duration.ofMinutes(10)));
        PushResult r = vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        assertThat(r.nextExpectedBy()).isEqualTo(Instant.parse("2025-10-26T00:40:00Z")); // 02:30 CEST + 10
        clock.set("2025-10-26T00:31:00Z");
        r = vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
        // not the second 02:30 (CET, 01:30Z) but the next day's 02:30 CET
        assertThat(r.nextExpectedBy()).isEqualTo(Instant.parse("2025-10-27T01:40:00Z"));
        clock.set("2025-10-26T01:45:00Z"); // past the second 02:30 + grace: still fine
        vigil.tick();
        assertThat(get(m.id()).status()).isEqualTo(UP);
    }

    @Test
    void hourlyCronDuringTheRepeatedHour() {
        clock.set("2025-10-26T00:00:00Z"); // 02:00 CEST
        CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("hourly")
                .schedule("@hourly", ZoneId.of("Europe/Berlin")));
        assertThat(vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY).nextExpectedBy())
                .isEqualTo(Instant.parse("2025-10-26T02:00:00Z")); // 03:00 CET: local 03:00 is the next run
    }

    @Test
    void configIsAppliedIdempotentlyAndKeepsIds(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("vigil.yaml");
        java.nio.file.Files.writeString(file, String.join("\n",
                "channels:",
                "  admin_email:",
                "    type: log",
                "monitors:",
                "  - name: \"Daily Backup Job\"",
                "    type: \"push\"",
                "    enabled: true",
                "    group: \"Maintenance Tasks\"",
                "    config:",
                "      expected_interval: 86400  # 24 hours in seconds",
                "      grace_period: 3600",
                "      require_payload: false",
                "    notifications:",
                "      - \"admin_email\"",
                "    alert_on:",
                "      - down",
                "      - up",
                "  - name: \"Own Secret\"",
                "    secret_key: ${OWN_SECRET}",
                "    config:",
                "      expected_interval: ${OWN_INTERVAL:-1h}",
                ""));
        Map<String, String> env = Map.of("OWN_SECRET", "supplied-secret-0123456789");
        Vigil first = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).environment(env).config(file)
                .build();
        var result = first.configResult().orElseThrow();
        assertThat(result.monitors()).extracting(a -> a.action().name()).containsExactly("CREATED", "CREATED");
        assertThat(result.generatedSecrets()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("Daily Backup Job");
            assertThat(first.monitors().push(a.id(), a.generatedSecret(), Payload.EMPTY).isAccepted()).isTrue();
        });
        long ownId = result.monitors().get(1).id();
        assertThat(first.monitors().push(ownId, "supplied-secret-0123456789", Payload.EMPTY).isAccepted()).isTrue();
        assertThat(first.monitors().get(ownId).orElseThrow().spec().expectedInterval()).isEqualTo(Duration.ofHours(1));
        first.close();

        Vigil again = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).environment(env).config(file)
                .build();
        assertThat(again.configResult().orElseThrow().monitors()).extracting(a -> a.action().name(), a -> a.id())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("UNCHANGED", result.monitors().get(0).id()),
                        org.assertj.core.groups.Tuple.tuple("UNCHANGED", ownId));
        assertThat(again.monitors().get(result.monitors().get(0).id()).orElseThrow().status()).isEqualTo(UP);
        again.close();

        Vigil changed = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock)
                .environment(Map.of("OWN_SECRET", "another-secret-0123456789", "OWN_INTERVAL", "7200")).config(file)
                .build();
        assertThat(changed.configResult().orElseThrow().monitors().get(1).action().name()).isEqualTo("UPDATED");
        assertThat(changed.monitors().push(ownId, "supplied-secret-0123456789", Payload.EMPTY).outcome())
                .isEqualTo(Outcome.INVALID_SECRET);
        assertThat(changed.monitors().get(ownId).orElseThrow().spec().expectedInterval()).isEqualTo(Duration.ofHours(2));
        changed.close();
    }

    @Test
    void failedDeliveriesAreRetriedWithTheSameIdempotencyKey() {
        CreatedMonitor m = daily();
        sent.failNext(2);
        vigil.monitors().push(m.id(), m.secret(), Payload.status("error"));
        vigil.tick(); // attempt 1 fails
        assertThat(sent.deliveries()).isEmpty();
        assertThat(vigil.notifications().list(OutboxStatus.PENDING, 10)).singleElement()
                .satisfies(e -> assertThat(e.lastError()).contains("injected failure"));
        clock.advance(Duration.ofMinutes(2));
        vigil.tick(); // attempt 2 fails
        clock.advance(Duration.ofMinutes(5));
        vigil.tick(); // attempt 3 succeeds
        assertThat(sent.deliveries()).singleElement().satisfies(n -> assertThat(n.attempt()).isEqualTo(3));
        assertThat(vigil.notifications().list(OutboxStatus.DELIVERED, 10)).singleElement()
                .satisfies(e -> assertThat(e.attempts()).isEqualTo(3));
    }

    @Test
    void nulAndBrokenUtf16InPushTextAreStoredAsReplacementCharactersWithAWarning() {
        CreatedMonitor m = daily();
        PushResult ok = vigil.monitors().push(m.id(), m.secret(),
                Payload.status("success", "copied\u0000 42 files \ud83d\udcbe, then \ud83d"));
        assertThat(ok.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(ok.warnings()).containsExactly(
                "message: NUL characters and unpaired surrogates cannot be stored and were replaced with U+FFFD");
        assertThat(get(m.id()).lastPushMessage()).isEqualTo("copied\ufffd 42 files \ud83d\udcbe, then \ufffd");

        clock.advance(Duration.ofMinutes(1));
        PushResult failed = vigil.monitors().push(m.id(), m.secret(), Payload.status("error\u0000", "disk\u0000full"));
        assertThat(failed.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(failed.warnings()).contains(
                "status: NUL characters and unpaired surrogates cannot be stored and were replaced with U+FFFD",
                "message: NUL characters and unpaired surrogates cannot be stored and were replaced with U+FFFD");
        PushMonitor after = get(m.id());
        assertThat(after.lastPushStatus()).isEqualTo("error\ufffd");
        assertThat(after.lastPushMessage()).isEqualTo("disk\ufffdfull");

        PushResult down = vigil.monitors().push(m.id(), m.secret(), Payload.status("down", "disk\u0000full"));
        assertThat(down.status()).isEqualTo(DOWN);
        assertThat(vigil.monitors().history(m.id(), 10)).filteredOn(t -> t.to().equals("DOWN")).singleElement()
                .satisfies(t -> assertThat(t.reason()).isEqualTo("push reported status 'down': disk\ufffdfull"));
        vigil.tick();
        assertThat(sent.transitions()).extracting(Transition::to).containsExactly("DOWN");
    }

    @Test
    void nulInSilenceTextIsStoredAsReplacementCharacters() {
        Instant t0 = clock.instant();
        Silence s = vigil.silences().create(List.of(LabelMatcher.parse("group=Maintenance")), t0,
                t0.plusSeconds(3600), "alice\u0000", "planned\u0000 work \udcbe");
        assertThat(s.createdBy()).isEqualTo("alice\ufffd");
        assertThat(s.comment()).isEqualTo("planned\ufffd work \ufffd");
        assertThat(store.silences().find(s.id())).contains(s);
        assertThat(vigil.silences().list(true)).containsExactly(s);
    }
}
