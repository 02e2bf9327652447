package dev.vigil.task;

import dev.vigil.model.Transition;
import java.util.List;
import java.util.Optional;

/**
 * Alert-rule tasks (seed 003): create, change, list and delete them. Obtained from {@code vigil.tasks()};
 * thread-safe. Tasks are subjects of kind {@code task}: their changes and occurrences are transitions, sent through
 * the outbox to the task's own targets ({@code slack}, {@code email}, {@code post}) and to whatever routing adds.
 */
public interface Tasks {
    /** The channel that posts to a task's {@code slack} target: a Slack channel with a bot token. */
    String SLACK_CHANNEL = "slack";
    /** The channel that sends to a task's {@code email} addresses: an SMTP channel. */
    String EMAIL_CHANNEL = "email";
    /** The channel that posts Kapacitor's alert JSON to a task's {@code post} URL (built in, SSRF-guarded). */
    String POST_CHANNEL = "kapacitor_post";

    /**
     * Creates a task.
     *
     * @throws TaskExistsException if the task (same type, app and, for memory, dyno type) exists
     */
    Task create(TaskSpec spec);

    /**
     * Replaces an existing task's settings as a whole, atomically; its evaluated state (running statistics, dyno
     * levels) is kept.
     *
     * @throws TaskNotFoundException if there is no such task
     */
    Task update(TaskSpec spec);

    /** A 5xx, crashed or release task of the app. */
    Optional<Task> find(TaskType type, String app);

    /** A memory task of the app and dyno type ({@code web}, {@code all}, ...). */
    Optional<Task> findMemory(String app, String dynotype);

    /** Every task of a type, by app (memory: then by dyno type). */
    List<Task> list(TaskType type);

    /** The app's memory tasks, by dyno type. */
    List<Task> listMemory(String app);

    /** Deletes a 5xx, crashed or release task and its history; false when there was none. */
    boolean delete(TaskType type, String app);

    boolean deleteMemory(String app, String dynotype);

    /** The task's transitions and occurrences, newest first (limit 1..1000). */
    List<Transition> history(String key, int limit);

    /** Warnings a spec would get now: targets whose integration is not configured. */
    List<String> warnings(TaskSpec spec);
}
