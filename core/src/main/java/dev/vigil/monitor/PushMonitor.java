package dev.vigil.monitor;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A push monitor as callers see it: its definition and its current state. Never holds the secret. */
public record PushMonitor(
        long id,
        PushMonitorSpec spec,
        MonitorStatus status,
        @Nullable Instant lastPushAt,
        @Nullable Instant nextExpectedBy,
        @Nullable String lastPushStatus,
        @Nullable String lastPushMessage,
        @Nullable Instant runningSince,
        long pushCount,
        Instant statusSince,
        Instant createdAt) {

    public String name() {
        return spec.name();
    }
}
