package dev.vigil.config;

import dev.vigil.heartbeat.HeartbeatSpec;

/** One entry of {@code heartbeats:}, with the line it starts on. Declared heartbeats are matched by pattern. */
public record HeartbeatDefinition(HeartbeatSpec spec, int line) {
}
