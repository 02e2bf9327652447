package dev.vigil.service;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a health or storage report did: the path it landed on (after padding), whether it created the service, the
 * service's health status, and for storage reports the level and free percentage; {@code warnings} says what was
 * padded, clamped or ignored, empty when all was well.
 */
public record ReportResult(
        String path,
        boolean created,
        HealthStatus status,
        @Nullable StorageLevel level,
        @Nullable Double freePercent,
        List<String> warnings) {

    public ReportResult {
        warnings = List.copyOf(warnings);
    }
}
