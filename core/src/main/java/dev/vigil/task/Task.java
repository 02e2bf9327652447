package dev.vigil.task;

import java.time.Instant;
import java.util.List;

/**
 * A stored task: its spec, its status, and warnings about its targets (e.g. a Slack channel while no Slack
 * integration is configured: the task is kept, and its deliveries fail visibly).
 */
public record Task(String key, TaskSpec spec, TaskStatus status, List<String> warnings, Instant createdAt,
        Instant updatedAt) {
    public Task {
        warnings = List.copyOf(warnings);
    }
}
