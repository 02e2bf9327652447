package dev.vigil.internal;

import dev.vigil.task.TaskLevel;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The evaluated state of a task, as {@link TaskKind} keeps it; instants as epoch milliseconds.
 *
 * @param level         the task's level (memory: the worst of its dynos')
 * @param since         when it took this level
 * @param nextAt        the next evaluation; null for crashed and release tasks
 * @param alertSince    when the task last left OK, while it is not OK (Kapacitor's alert duration counts from here)
 * @param n             5xx: evaluations so far (Welford's running statistics: count, mean, sum of squared deviations)
 * @param mean          5xx: the running mean of the counts
 * @param m2            5xx: the running sum of squared deviations from the mean
 * @param value         5xx: the last count; memory: the highest dyno mean
 * @param sigma         5xx: the last count's standard deviations above the mean of the earlier ones (infinite when
 *                      their deviation was 0 and the count above their mean)
 * @param rate          5xx: 5xx over requests in the last window, when requests were counted
 * @param dynos         memory: the state of every dyno seen in the window
 * @param evaluatedAt   the last evaluation or occurrence
 * @param occurrences   crashed and release: occurrences notified
 */
public record TaskState(TaskLevel level, long since, @Nullable Long nextAt, @Nullable Long alertSince, long n,
        double mean, double m2, @Nullable Double value, @Nullable Double sigma, @Nullable Double rate,
        Map<String, Dyno> dynos, @Nullable Long evaluatedAt, long occurrences) {

    public TaskState {
        dynos = Map.copyOf(dynos);
    }

    /** A dyno of a memory task: its level, its mean MB over the window, since when it has this level. */
    public record Dyno(TaskLevel level, double mean, long since) {
    }

    static TaskState initial(long now, @Nullable Long nextAt) {
        return new TaskState(TaskLevel.OK, now, nextAt, null, 0, 0, 0, null, null, null, Map.of(), null, 0);
    }

    TaskState withNextAt(@Nullable Long next) {
        return new TaskState(level, since, next, alertSince, n, mean, m2, value, sigma, rate, dynos, evaluatedAt,
                occurrences);
    }

    /** The sample standard deviation of the counts so far (0 with fewer than two). */
    double stddev() {
        return n < 2 ? 0 : Math.sqrt(Math.max(0, m2 / (n - 1)));
    }
}
