package dev.vigil.notify;

import dev.vigil.Status;
import dev.vigil.monitor.MonitorStatus;
import java.util.Locale;

/** What a transition is about. The wire name (e.g. {@code push_monitor}) appears in webhook payloads. */
public enum SubjectKind {
    PUSH_MONITOR;

    /** The snake_case name used in payloads and storage. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubjectKind fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The admin API path of a subject of this kind, used as the link in notifications. */
    public String linkPath(long subjectId) {
        switch (this) {
            case PUSH_MONITOR:
                return "/api/v1/monitors/" + subjectId;
            default:
                return "/";
        }
    }

    /** Decodes a stored status name of this kind back to its enum constant. */
    public Status parseStatus(String name) {
        switch (this) {
            case PUSH_MONITOR:
                return MonitorStatus.valueOf(name);
            default:
                throw new IllegalArgumentException("unknown status " + name + " for " + this);
        }
    }
}
