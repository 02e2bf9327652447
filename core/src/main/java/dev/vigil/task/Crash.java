package dev.vigil.task;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A dyno of an app crashed. {@code at} null means now. */
public record Crash(@Nullable String dyno, @Nullable String reason, @Nullable Instant at) {
}
