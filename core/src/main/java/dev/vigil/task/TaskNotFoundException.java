package dev.vigil.task;

import dev.vigil.model.VigilException;

/** Updating a task that does not exist. */
public class TaskNotFoundException extends VigilException {
    private static final long serialVersionUID = 1L;

    public TaskNotFoundException(String key) {
        super("task " + key + " does not exist");
    }
}
