package dev.vigil.task;

import java.util.List;

/**
 * Data in for tasks: app metrics, crashes and releases. Obtained from {@code vigil.apps()}; thread-safe. Each
 * accepted input is also published as a {@link dev.vigil.model.Signal}.
 */
public interface Apps {
    /** How far in the future a timestamp may be (clocks disagree a little). */
    java.time.Duration MAX_FUTURE = java.time.Duration.ofMinutes(5);
    /** How old a sample may be: the longest window a task can have. */
    java.time.Duration MAX_AGE = TaskSpec.MAX_WINDOW;

    /**
     * Records samples of the app's metrics, all or none.
     *
     * @return how many were recorded
     * @throws IllegalArgumentException naming the app, or the sample's index and field, when one is wrong (then
     *                                  none is recorded)
     */
    int record(String app, List<MetricSample> samples);

    /** Records a crash; the app's crashed task (if any) notifies it once. */
    void crash(String app, Crash crash);

    /** Records a release; the app's release task (if any) notifies it once. */
    void release(String app, Release release);
}
