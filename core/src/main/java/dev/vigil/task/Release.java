package dev.vigil.task;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A new version of an app was released. {@code at} null means now. */
public record Release(@Nullable String version, @Nullable String description, @Nullable Instant at) {
}
