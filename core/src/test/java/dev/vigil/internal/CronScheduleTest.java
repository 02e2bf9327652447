package dev.vigil.internal;

import dev.vigil.monitor.CronSchedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant next(String cron, String after) {
        return CronSchedule.parse(cron).nextRunAfter(Instant.parse(after), BERLIN);
    }

    @Test
    void plainDaysUseTheLocalTime() {
        assertThat(next("30 2 * * *", "2025-01-15T12:00:00Z")).isEqualTo("2025-01-16T01:30:00Z"); // CET
        assertThat(next("30 2 * * *", "2025-07-15T12:00:00Z")).isEqualTo("2025-07-16T00:30:00Z"); // CEST
    }

    @Test
    void springForwardRunsWhenTheGapEnds() {
        // 2025-03-30: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist
        assertThat(next("30 2 * * *", "2025-03-29T12:00:00Z")).isEqualTo("2025-03-30T01:00:00Z");
        assertThat(next("30 2 * * *", "2025-03-30T01:00:00Z")).isEqualTo("2025-03-31T00:30:00Z");
        // an hourly job does not run twice at 03:00
        assertThat(next("0 * * * *", "2025-03-30T00:30:00Z")).isEqualTo("2025-03-30T01:00:00Z");
        assertThat(next("0 * * * *", "2025-03-30T01:00:00Z")).isEqualTo("2025-03-30T02:00:00Z");
    }

    @Test
    void fallBackRunsOnceAtTheFirstOccurrence() {
        // 2025-10-26: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice
        assertThat(next("30 2 * * *", "2025-10-25T12:00:00Z")).isEqualTo("2025-10-26T00:30:00Z");
        assertThat(next("30 2 * * *", "2025-10-26T00:30:00Z")).isEqualTo("2025-10-27T01:30:00Z");
        assertThat(next("30 2 * * *", "2025-10-26T01:00:00Z")).isEqualTo("2025-10-27T01:30:00Z");
    }

    @Test
    void macrosWork() {
        assertThat(next("@daily", "2025-01-15T12:00:00Z")).isEqualTo("2025-01-15T23:00:00Z");
        assertThat(next("@hourly", "2025-01-15T12:00:00Z")).isEqualTo("2025-01-15T13:00:00Z");
    }

    @Test
    void badExpressionsSayWhatIsWrong() {
        assertThatThrownBy(() -> CronSchedule.parse("* * *")).hasMessageContaining("must have 5 fields");
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *")).hasMessageContaining("not a valid cron expression");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 31 2 *").nextRunAfter(Instant.EPOCH, BERLIN))
                .isInstanceOf(IllegalStateException.class);
    }
}
