package dev.vigil.monitor;

import dev.vigil.model.Status;

/** States of a push monitor: {@code NO_PUSH_YET -> UP <-> DOWN}, plus {@code PAUSED}. */
public enum MonitorStatus implements Status {
    NO_PUSH_YET,
    UP,
    DOWN,
    PAUSED
}
