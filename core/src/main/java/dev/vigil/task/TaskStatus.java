package dev.vigil.task;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a task concluded at its last evaluation.
 *
 * @param level     the task's level; for a memory task the worst of its dynos'
 * @param since     when it took this level
 * @param value     5xx: the count in the last 10 minutes; memory: the highest dyno mean in MB; null before the first
 *                  evaluation and for occurrence tasks
 * @param sigma     5xx: how many standard deviations the count was above the running mean
 * @param errorRate 5xx: 5xx responses over requests in the window (null without request counts)
 * @param mean      5xx: the running mean of the counts of all evaluations so far
 * @param stddev    5xx: their standard deviation
 * @param dynos     memory: one state per dyno it has seen in its window
 * @param evaluatedAt the last evaluation, or the last occurrence for crashed and release tasks
 * @param nextEvaluationAt the next evaluation; null for occurrence tasks
 * @param occurrences crashed and release: how many occurrences notified
 */
public record TaskStatus(TaskLevel level, Instant since, @Nullable Double value, @Nullable Double sigma,
        @Nullable Double errorRate, double mean, double stddev, Map<String, Dyno> dynos, @Nullable Instant evaluatedAt,
        @Nullable Instant nextEvaluationAt, long occurrences) {

    public TaskStatus {
        dynos = Map.copyOf(dynos);
    }

    /** One dyno of a memory task: its level, mean MB over the window, and since when. */
    public record Dyno(TaskLevel level, double meanMb, Instant since) {
    }
}
