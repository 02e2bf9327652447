package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.kind.Outcome;
import dev.vigil.model.Severity;
import dev.vigil.model.TransitionType;
import dev.vigil.task.TaskLevel;
import dev.vigil.task.TaskSpec;
import dev.vigil.task.Tolerance;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskLogicTest {
    private static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");
    private static final TaskSpec LOW = TaskSpec.fiveXx("billing", Tolerance.LOW).post("https://h.example/x").build();

    private static TaskLogic.Totals n(double v) {
        return new TaskLogic.Totals(v, 1);
    }

    @Test
    void welfordMatchesTheTwoPassMeanAndSampleDeviation() {
        double[] counts = {3, 7, 1, 0, 12, 5, 5, 9};
        TaskState s = TaskState.initial(0, 0L);
        for (int i = 0; i < counts.length; i++) {
            s = TaskLogic.fiveXx(LOW, s, n(counts[i]), TaskLogic.Totals.NONE, T0.plusSeconds(60L * i)).state();
        }
        double mean = 0;
        for (double c : counts) {
            mean += c / counts.length;
        }
        double ss = 0;
        for (double c : counts) {
            ss += (c - mean) * (c - mean);
        }
        assertThat(s.n()).isEqualTo(counts.length);
        assertThat(s.mean()).isCloseTo(mean, within(1e-9));
        assertThat(s.stddev()).isCloseTo(Math.sqrt(ss / (counts.length - 1)), within(1e-9));
    }

    @Test
    void sigmaIsMeasuredAgainstEarlierEvaluationsOnlyAndOnlyUpwards() {
        assertThat(TaskLogic.sigma(0, 0, 0, 100)).isZero(); // nothing to compare with yet
        assertThat(TaskLogic.sigma(5, 2, 0, 2)).isZero();   // no variation, equal: 0
        assertThat(TaskLogic.sigma(5, 2, 0, 3)).isInfinite(); // no variation, above: critical
        assertThat(TaskLogic.sigma(5, 2, 0, 1)).isZero();   // fewer errors than usual is no alert
        assertThat(TaskLogic.sigma(5, 10, 4, 16)).isEqualTo(1.5);
        assertThat(TaskLogic.sigma(5, 10, 4, 4)).isZero();
    }

    @Test
    void toleranceThresholdsDecideTheLevel() {
        // earlier counts 10, 14, 10, 14: mean 12, sample deviation 2.309
        TaskState s = TaskState.initial(0, 0L);
        for (double c : new double[] {10, 14, 10, 14}) {
            s = TaskLogic.fiveXx(LOW, s, n(c), TaskLogic.Totals.NONE, T0).state();
        }
        double sd = s.stddev();
        TaskSpec medium = TaskSpec.fiveXx("billing", Tolerance.MEDIUM).post("https://h.example/x").build();
        TaskSpec high = TaskSpec.fiveXx("billing", Tolerance.HIGH).post("https://h.example/x").build();
        assertThat(level(LOW, s, 12 + 0.05 * sd)).isEqualTo(TaskLevel.OK);
        assertThat(level(LOW, s, 12 + 0.1 * sd)).isEqualTo(TaskLevel.WARNING);
        assertThat(level(LOW, s, 12 + 0.49 * sd)).isEqualTo(TaskLevel.WARNING);
        assertThat(level(LOW, s, 12 + 0.6 * sd)).isEqualTo(TaskLevel.CRITICAL);
        assertThat(level(medium, s, 12 + 0.9 * sd)).isEqualTo(TaskLevel.WARNING);
        assertThat(level(medium, s, 12 + 1.1 * sd)).isEqualTo(TaskLevel.CRITICAL);
        assertThat(level(high, s, 12 + 1.4 * sd)).isEqualTo(TaskLevel.WARNING);
        assertThat(level(high, s, 12 + 1.6 * sd)).isEqualTo(TaskLevel.CRITICAL);
    }

    private static TaskLevel level(TaskSpec spec, TaskState s, double count) {
        return TaskLogic.fiveXx(spec, s, n(count), TaskLogic.Totals.NONE, T0).state().level();
    }

    @Test
    void aChangeCarriesValueSigmaAndWhenTheAlertStarted() {
        TaskState s = TaskState.initial(0, T0.toEpochMilli());
        s = TaskLogic.fiveXx(LOW, s, n(0), TaskLogic.Totals.NONE, T0).state();
        s = TaskLogic.fiveXx(LOW, s, n(0), TaskLogic.Totals.NONE, T0.plusSeconds(60)).state();
        Outcome<TaskState> o = TaskLogic.fiveXx(LOW, s, n(4), new TaskLogic.Totals(100, 1), T0.plusSeconds(120));
        assertThat(o.state().level()).isEqualTo(TaskLevel.CRITICAL);
        assertThat(o.state().rate()).isEqualTo(0.04);
        assertThat(o.state().nextAt()).isEqualTo(T0.plusSeconds(180).toEpochMilli());
        assertThat(o.changes()).singleElement().satisfies(c -> {
            assertThat(c.from()).isEqualTo("OK");
            assertThat(c.to()).isEqualTo("CRITICAL");
            assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(c.labels()).containsEntry("value", "4").containsEntry("sigma", "+Inf")
                    .containsEntry("alert_since", Long.toString(T0.plusSeconds(120).toEpochMilli()));
        });
        Outcome<TaskState> same = TaskLogic.fiveXx(LOW, o.state(), n(40), TaskLogic.Totals.NONE, T0.plusSeconds(180));
        assertThat(same.changes()).isEmpty();
        assertThat(same.state().since()).isEqualTo(T0.plusSeconds(120).toEpochMilli());
    }

    @Test
    void anEvaluationLateByManyPeriodsIsNextDueOnePeriodFromNow() {
        assertThat(TaskLogic.next(1_000, Duration.ofMinutes(1), 1_000)).isEqualTo(61_000);
        assertThat(TaskLogic.next(1_000, Duration.ofMinutes(1), 500_000)).isEqualTo(560_000);
    }

    @Test
    void memoryIsStrictlyAboveItsThresholdsPerDyno() {
        TaskSpec spec = TaskSpec.memory("billing", "web", 200, 500, Duration.ofMinutes(10), Duration.ofMinutes(1))
                .post("https://h.example/x").build();
        TaskState s = TaskState.initial(0, 0L);
        Outcome<TaskState> o = TaskLogic.memory(spec, s, Map.of("web.1", 200.0, "web.2", 200.5), T0);
        assertThat(o.state().dynos().get("web.1").level()).isEqualTo(TaskLevel.OK);
        assertThat(o.state().dynos().get("web.2").level()).isEqualTo(TaskLevel.WARNING);
        assertThat(o.state().level()).isEqualTo(TaskLevel.WARNING);
        assertThat(o.changes()).singleElement().satisfies(c -> {
            assertThat(c.aspect()).isEqualTo("web.2");
            assertThat(c.labels()).containsEntry("dyno", "web.2").containsEntry("value", "200.5");
        });
        o = TaskLogic.memory(spec, o.state(), Map.of("web.1", 500.0, "web.2", 501.0), T0.plusSeconds(60));
        assertThat(o.state().dynos().get("web.1").level()).isEqualTo(TaskLevel.WARNING);
        assertThat(o.state().dynos().get("web.2").level()).isEqualTo(TaskLevel.CRITICAL);
        // web.2 stops reporting: resolved and forgotten
        o = TaskLogic.memory(spec, o.state(), Map.of("web.1", 100.0), T0.plusSeconds(120));
        assertThat(o.changes()).extracting(c -> c.aspect() + ":" + c.to())
                .containsExactlyInAnyOrder("web.1:OK", "web.2:OK");
        assertThat(o.state().dynos()).containsOnlyKeys("web.1");
        assertThat(o.state().level()).isEqualTo(TaskLevel.OK);
    }

    @Test
    void anOccurrenceNotifiesAtWarningWithoutChangingTheLevel() {
        TaskState s = TaskState.initial(0, null);
        Outcome<TaskState> o = TaskLogic.occurrence(s, "web.1 crashed", Map.of("dyno", "web.1"), T0);
        assertThat(o.state().level()).isEqualTo(TaskLevel.OK);
        assertThat(o.state().occurrences()).isEqualTo(1);
        assertThat(o.changes()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo(TransitionType.OCCURRENCE);
            assertThat(c.to()).isEqualTo("WARNING");
            assertThat(c.severity()).isEqualTo(Severity.WARNING);
        });
    }
}
