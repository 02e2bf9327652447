package dev.vigil.model;

/**
 * What Vigil decided to do about notifying a transition; recorded in history so that every notification (or its
 * absence) can be explained.
 */
public enum Decision {
    /** Routed to channels; one outbox entry per target. */
    SENT,
    /** Sent as a "flapping" notice: too many changes in the flapping window. */
    FLAPPING,
    /** Not an alert for this subject (e.g. {@code alert_on} excludes it, a first push, pause/resume). */
    NOT_ROUTED,
    /** An active silence matched; the detail names it. */
    SILENCED,
    /** Still flapping after the flapping notice: quiet until stable. */
    SUPPRESSED_FLAPPING,
    /** The subject is in maintenance: recorded, not sent. */
    MAINTENANCE,
    /** A subject this one depends on is down: recorded, not sent (sent later if still down when it recovers). */
    SUPPRESSED_BY_DEPENDENCY;

    /** True when outbox entries were written for the transition. */
    public boolean notifies() {
        return this == SENT || this == FLAPPING;
    }
}
