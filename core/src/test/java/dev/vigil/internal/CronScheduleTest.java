package dev.vigil.internal;

import dev.vigil.monitor.CronSchedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant next(String cron, String after) {
        return CronSchedule.parse(cron).nextRunAfter(Instant.parse(after), BERLIN).orElseThrow();
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
    }

    @Test
    void schedulesThatNeverRunAreRefused() {
        for (String never : List.of("0 0 30 2 *", "0 0 31 4 *", "0 0 31 2 *", "0 0 31 6 *", "0 0 31 9 *",
                "0 0 31 11 *", "0 0 30,31 2 *", "0 0 31 4,6 *")) {
            assertThatThrownBy(() -> CronSchedule.parse(never)).as(never)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("schedule '" + never + "' never runs: no date matches its day of month and month"
                            + " (such as February 30 or April 31)");
        }
    }

    @Test
    void rareButRealDatesAreAccepted() {
        // February 29 exists every 4 years (and 8 around a century that is not a leap year)
        assertThat(next("0 0 29 2 *", "2025-01-15T12:00:00Z")).isEqualTo("2028-02-28T23:00:00Z");
        assertThat(next("0 0 29 2 *", "2096-03-01T00:00:00Z")).isEqualTo("2104-02-28T23:00:00Z");
        // day of month OR day of week, as in Unix cron: February 30 or any Monday in February
        assertThat(next("0 0 30 2 1", "2025-01-15T12:00:00Z")).isEqualTo("2025-02-02T23:00:00Z");
        assertThat(next("0 0 29-31 * *", "2025-02-01T00:00:00Z")).isEqualTo("2025-03-28T23:00:00Z");
    }

    @Test
    void noRunAfterTheEndOfTimeIsEmptyNotAnError() {
        CronSchedule daily = CronSchedule.parse("@daily");
        assertThat(daily.nextRunAfter(Instant.parse("+999999999-12-31T12:00:00Z"), ZoneOffset.UTC)).isEmpty();
        assertThat(daily.nextRunAfter(Instant.MAX, BERLIN)).isEmpty();
    }
}
