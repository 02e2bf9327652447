package dev.vigil.service;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A health push ({@code POST /api/v1/health/report}) as sent: every field may be missing or odd, and the report API
 * pads, clamps or ignores instead of refusing, with a warning for each (seed 000, "loud over silent").
 *
 * @param path        {@code org/domain/env/cluster/service}; padded to {@code unknown/unknown/unknown/unknown/...}
 *                    when shorter
 * @param status      {@code OPERATIONAL}, {@code DEGRADED}, {@code DOWN}, {@code MAINTENANCE} or {@code UNKNOWN}, any
 *                    case; anything else is stored as {@code UNKNOWN}
 * @param tags        added to the service's tags; null or empty adds none
 */
public record HealthReport(
        @Nullable String path,
        @Nullable String status,
        @Nullable String message,
        @Nullable String criticality,
        @Nullable String slaGroup,
        @Nullable String serviceType,
        @Nullable List<String> tags,
        @Nullable String namespace) {

    public HealthReport {
        tags = tags == null ? null : List.copyOf(tags);
    }

    /** A report of a path and a status only. */
    public static HealthReport of(String path, String status) {
        return new HealthReport(path, status, null, null, null, null, null, null);
    }

    public HealthReport withMessage(@Nullable String text) {
        return new HealthReport(path, status, text, criticality, slaGroup, serviceType, tags, namespace);
    }
}
