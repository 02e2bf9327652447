package dev.vigil.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TaskSpecTest {
    private static TaskSpec.Builder memory(double warn, double crit, Duration window, Duration every) {
        return TaskSpec.memory("billing", "web", warn, crit, window, every);
    }

    @Test
    void targetsAreNormalised() {
        TaskSpec s = TaskSpec.crashed("billing").slack("ops").email(" a@example.com , b@example.org ").build();
        assertThat(s.slack()).isEqualTo("#ops");
        assertThat(s.email()).isEqualTo("a@example.com,b@example.org");
        assertThat(TaskSpec.crashed("billing").slack("#ops").build().slack()).isEqualTo("#ops");
        assertThat(TaskSpec.crashed("billing").slack("@alice").build().slack()).isEqualTo("@alice");
        assertThat(TaskSpec.crashed("billing").slack("C0123ABCD").build().slack()).isEqualTo("C0123ABCD");
        assertThat(TaskSpec.crashed("billing").slack("").email("").post("https://h.example/x").build().slack())
                .isNull();
    }

    @Test
    void everyRuleNamesItsField() {
        assertThatThrownBy(() -> TaskSpec.crashed("billing").build())
                .hasMessageStartingWith("slack, email or post: at least one");
        assertThatThrownBy(() -> TaskSpec.crashed("bad/app").slack("#ops").build()).hasMessageStartingWith("app:");
        assertThatThrownBy(() -> TaskSpec.crashed("").slack("#ops").build()).hasMessageStartingWith("app: is required");
        assertThatThrownBy(() -> TaskSpec.crashed("billing").slack("#no spaces").build())
                .hasMessageStartingWith("slack:");
        assertThatThrownBy(() -> TaskSpec.crashed("billing").email("nobody").build())
                .hasMessageStartingWith("email: 'nobody'");
        assertThatThrownBy(() -> TaskSpec.crashed("billing").post("ftp://h.example/x").build())
                .hasMessageStartingWith("post:");
        assertThatThrownBy(() -> TaskSpec.crashed("billing").post("http://").build()).hasMessageStartingWith("post:");
        assertThatThrownBy(() -> TaskSpec.crashed("billing").post("https://u:p@h.example/").build())
                .hasMessageStartingWith("post: the URL must not carry credentials");
        Duration h = Duration.ofHours(1);
        Duration m = Duration.ofMinutes(1);
        assertThatThrownBy(() -> memory(0, 5, h, m).slack("#ops").build()).hasMessageStartingWith("warn:");
        assertThatThrownBy(() -> memory(500, 500, h, m).slack("#ops").build())
                .hasMessageStartingWith("warn: must be below crit (500)");
        assertThatThrownBy(() -> memory(5, Double.NaN, h, m).slack("#ops").build()).hasMessageStartingWith("crit:");
        assertThatThrownBy(() -> memory(1, 2, Duration.ofSeconds(59), Duration.ofSeconds(10)).slack("#ops").build())
                .hasMessageStartingWith("window: must be between 1m and 24h");
        assertThatThrownBy(() -> memory(1, 2, Duration.ofHours(25), m).slack("#ops").build())
                .hasMessageStartingWith("window:");
        assertThatThrownBy(() -> memory(1, 2, h, Duration.ofSeconds(9)).slack("#ops").build())
                .hasMessageStartingWith("every: must be between 10s and 1h");
        assertThatThrownBy(() -> memory(1, 2, Duration.ofMinutes(5), Duration.ofMinutes(10)).slack("#ops").build())
                .hasMessageStartingWith("every: must not be longer than the window");
        assertThatThrownBy(() -> TaskSpec.memory("billing", "we b", 1, 2, h, m).slack("#ops").build())
                .hasMessageStartingWith("dynotype:");
    }

    @Test
    void keysAndDynoTypes() {
        assertThat(TaskSpec.fiveXx("billing", Tolerance.LOW).slack("#ops").build().key()).isEqualTo("5xx/billing");
        TaskSpec mem = TaskSpec.memory("billing", "Web", 1, 2, Duration.ofHours(12), Duration.ofMinutes(1))
                .slack("#ops").build();
        assertThat(mem.key()).isEqualTo("memory/billing/web");
        assertThat(mem.watchesDyno("web.1")).isTrue();
        assertThat(mem.watchesDyno("worker.1")).isFalse();
        assertThat(TaskSpec.dynoType("worker.3.x")).isEqualTo("worker");
        assertThat(TaskSpec.megabytes(200)).isEqualTo("200");
        assertThat(TaskSpec.megabytes(200.5)).isEqualTo("200.5");
    }
}
