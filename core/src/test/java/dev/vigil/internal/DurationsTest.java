package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parsesSecondsAndUnits() {
        assertThat(Durations.parse("86400")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse(" 2d ")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void rejectsEverythingElse() {
        for (String bad : new String[] {"", "abc", "-5", "1.5h", "10 s", "1h30", "h", "99999999999999"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
