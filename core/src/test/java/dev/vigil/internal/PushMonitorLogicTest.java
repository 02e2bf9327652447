package dev.vigil.internal;

import static dev.vigil.monitor.MonitorStatus.DOWN;
import static dev.vigil.monitor.MonitorStatus.NO_PUSH_YET;
import static dev.vigil.monitor.MonitorStatus.PAUSED;
import static dev.vigil.monitor.MonitorStatus.UP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.internal.PushMonitorLogic.Change;
import dev.vigil.internal.PushMonitorLogic.PushKind;
import dev.vigil.internal.PushMonitorLogic.Result;
import dev.vigil.monitor.PushMonitorSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The state machine as a pure function: no store, no clock. */
class PushMonitorLogicTest {
    static final Instant NOON = Instant.parse("2025-01-15T12:00:00Z");
    static final PushMonitorSpec DAILY = PushMonitorSpec.named("Daily Backup Job")
            .expectedInterval(Duration.ofSeconds(86400)).gracePeriod(Duration.ofSeconds(3600)).build();

    @Test
    void firstPushMakesItUpWithTheSeedDeadline() {
        Result r = PushMonitorLogic.onPush(DAILY, PushMonitorLogic.initial(DAILY, "sha256:x", NOON), "success", "Backup completed",
                NOON);
        assertThat(r.state().status()).isEqualTo(UP);
        assertThat(r.state().expectedBy()).isEqualTo(Instant.parse("2025-01-16T13:00:00Z"));
        assertThat(PushMonitorLogic.nextDue(DAILY, r.state())).isEqualTo(Instant.parse("2025-01-16T13:00:00.001Z"));
        assertThat(r.changes()).containsExactly(new Change(NO_PUSH_YET, UP, "first push received"));
        assertThat(r.state().pushCount()).isEqualTo(1);
    }

    @Test
    void dueBeforeTheDeadlineChangesNothingAndAfterItGoesDown() {
        MonitorState up = PushMonitorLogic.onPush(DAILY, PushMonitorLogic.initial(DAILY, "sha256:x", NOON), null, null, NOON).state();
        Result atDeadline = PushMonitorLogic.onDue(DAILY, up, Instant.parse("2025-01-16T13:00:00Z"));
        assertThat(atDeadline.changes()).isEmpty();
        assertThat(atDeadline.state()).isEqualTo(up);

        Result late = PushMonitorLogic.onDue(DAILY, up, Instant.parse("2025-01-16T13:01:00Z"));
        assertThat(late.state().status()).isEqualTo(DOWN);
        assertThat(PushMonitorLogic.nextDue(DAILY, late.state())).isNull();
        assertThat(late.changes()).singleElement().satisfies(c -> assertThat(c.reason())
                .isEqualTo("no push since 2025-01-15T12:00:00Z; expected by 2025-01-16T13:00:00Z"));
        // evaluating again is idempotent: no second transition
        assertThat(PushMonitorLogic.onDue(DAILY, late.state(), Instant.parse("2025-01-17T13:01:00Z")).changes()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"error", "failed", "fail", "down", "Error", " FAILED "})
    void failureStatusesClassifyAsFailure(String status) {
        assertThat(PushMonitorLogic.classify(status)).isEqualTo(PushKind.FAILURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"success", "ok", "test", "whatever", ""})
    void everythingElseIsSuccess(String status) {
        assertThat(PushMonitorLogic.classify(status)).isEqualTo(PushKind.SUCCESS);
    }

    @Test
    void unknownStatusesWarnButCount() {
        Result r = PushMonitorLogic.onPush(DAILY, PushMonitorLogic.initial(DAILY, "sha256:x", NOON), "test\r\n", null, NOON);
        assertThat(r.state().status()).isEqualTo(UP);
        assertThat(r.warnings()).containsExactly("unknown status 'test\\u000d\\u000a' was counted as success");
    }

    @Test
    void pausedSpecsRecordPushesWithoutEvaluating() {
        PushMonitorSpec paused = DAILY.toBuilder().enabled(false).build();
        MonitorState s = PushMonitorLogic.initial(paused, "sha256:x", NOON);
        assertThat(s.status()).isEqualTo(PAUSED);
        Result r = PushMonitorLogic.onPush(paused, s, "error", null, NOON);
        assertThat(r.state().status()).isEqualTo(PAUSED);
        assertThat(PushMonitorLogic.nextDue(paused, r.state())).isNull();
        assertThat(r.state().lastPushAt()).isEqualTo(NOON);
        assertThat(r.changes()).isEmpty();
    }

    @Test
    void startWithoutMaxRuntimeKeepsTheDeadline() {
        MonitorState up = PushMonitorLogic.onPush(DAILY, PushMonitorLogic.initial(DAILY, "sha256:x", NOON), null, null, NOON).state();
        Result started = PushMonitorLogic.onPush(DAILY, up, "start", null, NOON.plusSeconds(600));
        assertThat(started.state().expectedBy()).isEqualTo(up.expectedBy());
        assertThat(started.state().runningSince()).isEqualTo(NOON.plusSeconds(600));
        assertThat(PushMonitorLogic.nextDue(DAILY, started.state())).isEqualTo(PushMonitorLogic.nextDue(DAILY, up));
    }

    @Test
    void maxRuntimeBringsTheNextDueForward() {
        PushMonitorSpec spec = DAILY.toBuilder().maxRuntime(Duration.ofMinutes(10)).build();
        MonitorState up = PushMonitorLogic.onPush(spec, PushMonitorLogic.initial(spec, "sha256:x", NOON), null, null, NOON).state();
        MonitorState running = PushMonitorLogic.onPush(spec, up, "in_progress", null, NOON.plusSeconds(60)).state();
        assertThat(PushMonitorLogic.nextDue(spec, running)).isEqualTo(NOON.plusSeconds(660).plusMillis(1));
        Result timedOut = PushMonitorLogic.onDue(spec, running, NOON.plusSeconds(661));
        assertThat(timedOut.state().status()).isEqualTo(DOWN);
        assertThat(timedOut.state().runningSince()).isNull();
    }

    @Test
    void cronDeadlinesFollowTheScheduleInItsZone() {
        PushMonitorSpec spec = PushMonitorSpec.named("cron").schedule("0 2 * * *", java.time.ZoneId.of("America/New_York"))
                .gracePeriod(Duration.ofMinutes(30)).build();
        // 2025-01-15 12:00Z is 07:00 in New York; next 02:00 local is 2025-01-16T07:00Z
        assertThat(PushMonitorLogic.expectedBy(spec, NOON)).isEqualTo(Instant.parse("2025-01-16T07:30:00Z"));
    }

    @Test
    void aScheduleWithNoRunLeftGivesNoDeadlineAndAWarningNotAnError() {
        PushMonitorSpec spec = PushMonitorSpec.named("cron").schedule("@daily").build();
        Instant endOfTime = Instant.parse("+999999999-12-31T12:00:00Z");
        Result r = PushMonitorLogic.onPush(spec, PushMonitorLogic.initial(spec, "sha256:unused", NOON), "success", null,
                endOfTime);
        assertThat(r.state().status()).isEqualTo(UP);
        assertThat(r.state().expectedBy()).isNull();
        assertThat(PushMonitorLogic.nextDue(spec, r.state())).isNull();
        assertThat(r.warnings()).containsExactly(PushMonitorLogic.NO_NEXT_RUN);
        PushMonitorSpec paused = spec.toBuilder().enabled(false).build();
        Result p = PushMonitorLogic.onSpecChange(spec, paused, r.state(), endOfTime);
        Result resumed = PushMonitorLogic.onSpecChange(paused, spec, p.state(), endOfTime);
        assertThat(resumed.state().expectedBy()).isNull();
    }

    @Test
    void resumingStartsAFreshPeriod() {
        MonitorState up = PushMonitorLogic.onPush(DAILY, PushMonitorLogic.initial(DAILY, "sha256:x", NOON), null, null, NOON).state();
        PushMonitorSpec paused = DAILY.toBuilder().enabled(false).build();
        Result p = PushMonitorLogic.onSpecChange(DAILY, paused, up, NOON.plusSeconds(10));
        assertThat(p.state().status()).isEqualTo(PAUSED);
        assertThat(PushMonitorLogic.nextDue(paused, p.state())).isNull();
        Instant later = NOON.plus(Duration.ofDays(5));
        Result resumed = PushMonitorLogic.onSpecChange(paused, DAILY, p.state(), later);
        assertThat(resumed.state().status()).isEqualTo(UP);
        assertThat(resumed.state().expectedBy()).isEqualTo(later.plus(Duration.ofHours(25)));
        assertThat(resumed.changes()).extracting(Change::to).containsExactly(UP);
    }

    @Test
    void changingTheIntervalMovesTheDeadline() {
        MonitorState up = PushMonitorLogic.onPush(DAILY, PushMonitorLogic.initial(DAILY, "sha256:x", NOON), null, null, NOON).state();
        PushMonitorSpec hourly = DAILY.toBuilder().expectedInterval(Duration.ofHours(1)).gracePeriod(Duration.ZERO).build();
        Result r = PushMonitorLogic.onSpecChange(DAILY, hourly, up, NOON.plusSeconds(5));
        assertThat(r.state().expectedBy()).isEqualTo(NOON.plusSeconds(3600));
        assertThat(r.changes()).isEmpty();
    }
}
