package dev.vigil.model;

/**
 * A state something monitored can be in. Each kind of subject has its own enum
 * ({@link dev.vigil.monitor.MonitorStatus} for push monitors); transitions carry their names.
 */
public interface Status {
    /** The stable, upper-case name stored and shown over HTTP, e.g. {@code DOWN}. */
    String name();
}
