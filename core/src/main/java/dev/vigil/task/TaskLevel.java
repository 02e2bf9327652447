package dev.vigil.task;

/** A task's alert level, with Kapacitor's names. */
public enum TaskLevel {
    OK,
    INFO,
    WARNING,
    CRITICAL;

    /** The worse of two levels. */
    public TaskLevel worst(TaskLevel other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
