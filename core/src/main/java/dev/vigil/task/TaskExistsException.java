package dev.vigil.task;

import dev.vigil.model.VigilException;

/** Creating a task that exists already (change it with {@link Tasks#update}). */
public class TaskExistsException extends VigilException {
    private static final long serialVersionUID = 1L;

    public TaskExistsException(String key) {
        super("task " + key + " exists already; PATCH it to change it");
    }
}
