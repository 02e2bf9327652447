package dev.vigil.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PushMonitorSpecTest {
    private static PushMonitorSpec.Builder valid() {
        return PushMonitorSpec.named("job").expectedInterval(Duration.ofHours(1));
    }

    @Test
    void defaultsFollowTheSeed() {
        PushMonitorSpec s = valid().build();
        assertThat(s.enabled()).isTrue();
        assertThat(s.gracePeriod()).isZero();
        assertThat(s.alertOn()).containsExactlyInAnyOrder(AlertOn.DOWN, AlertOn.UP);
        assertThat(s.failureThreshold()).isEqualTo(1);
        assertThat(s.toBuilder().build()).isEqualTo(s);
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        assertThatThrownBy(() -> PushMonitorSpec.named(" ").expectedInterval(Duration.ofHours(1)).build())
                .hasMessage("name must not be blank");
        assertThatThrownBy(() -> PushMonitorSpec.named("a\nb").expectedInterval(Duration.ofHours(1)).build())
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> PushMonitorSpec.named("x".repeat(201)).expectedInterval(Duration.ofHours(1)).build())
                .hasMessageContaining("at most 200");
        assertThatThrownBy(() -> PushMonitorSpec.named("job").build())
                .hasMessage("expected_interval or schedule is required");
        assertThatThrownBy(() -> valid().expectedInterval(Duration.ZERO).build())
                .hasMessageContaining("expected_interval must be between 1s");
        assertThatThrownBy(() -> valid().expectedInterval(Duration.ofDays(400)).build())
                .hasMessageContaining("expected_interval");
        assertThatThrownBy(() -> valid().gracePeriod(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("grace_period");
        assertThatThrownBy(() -> valid().failureThreshold(0).build()).hasMessageContaining("failure_threshold");
        assertThatThrownBy(() -> valid().recoveryThreshold(101).build()).hasMessageContaining("recovery_threshold");
        assertThatThrownBy(() -> valid().maxRuntime(Duration.ofMillis(10)).build()).hasMessageContaining("max_runtime");
        assertThatThrownBy(() -> valid().schedule("not cron").build()).hasMessageContaining("schedule");
        assertThatThrownBy(() -> valid().timezone("Mars/Olympus")).hasMessageContaining("timezone 'Mars/Olympus'");
        assertThatThrownBy(() -> valid().notify(" ").build()).hasMessageContaining("notifications");
        assertThatThrownBy(() -> AlertOn.parse("sideways")).hasMessageContaining("down, up");
    }

    @Test
    void schedulesThatNeverRunAreRefusedByTheBuilderAndTheConstructor() {
        assertThatThrownBy(() -> PushMonitorSpec.named("job").schedule("0 0 30 2 *"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("schedule '0 0 30 2 *' never runs: no date matches its day of month and month"
                        + " (such as February 30 or April 31)");
        PushMonitorSpec leap = PushMonitorSpec.named("job").schedule("0 0 29 2 *").build();
        assertThatThrownBy(() -> new PushMonitorSpec("job", null, true, null, Duration.ZERO, "0 0 31 4 *",
                leap.timezone(), false, List.of(), Set.of(), null, 1, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never runs");
        assertThat(leap.schedule()).isEqualTo("0 0 29 2 *");
    }

    @Test
    void namesMustBeStorableUnicode() {
        assertThatThrownBy(() -> PushMonitorSpec.named("a\u0000b").expectedInterval(Duration.ofHours(1)).build())
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> PushMonitorSpec.named("half \ud83d").expectedInterval(Duration.ofHours(1)).build())
                .hasMessage("name must be valid Unicode text (it has an unpaired surrogate)");
        assertThatThrownBy(() -> valid().group("\udcbe").build())
                .hasMessage("group must be valid Unicode text (it has an unpaired surrogate)");
        assertThatThrownBy(() -> valid().notify("pager\ud800").build()).hasMessageContaining("notifications");
        assertThat(PushMonitorSpec.named("disk \ud83d\udcbe").expectedInterval(Duration.ofHours(1)).build().name())
                .isEqualTo("disk \ud83d\udcbe");
    }

    @Test
    void scheduleAndIntervalAreExclusive() {
        PushMonitorSpec cron = valid().schedule("0 2 * * *").build();
        assertThat(cron.expectedInterval()).isNull();
        assertThat(cron.isScheduled()).isTrue();
        assertThatThrownBy(() -> new PushMonitorSpec("x", null, true, Duration.ofHours(1), Duration.ZERO, "0 2 * * *",
                java.time.ZoneOffset.UTC, false, java.util.List.of(), java.util.Set.of(), null, 1, 1, null))
                .hasMessageContaining("not both");
    }
}
