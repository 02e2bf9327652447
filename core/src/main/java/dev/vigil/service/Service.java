package dev.vigil.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A service as Vigil knows it now: what was declared, the attributes in effect (declared, else reported), its
 * health, storage and backup facets.
 *
 * @param statusReason        why it has its status: {@code report}, {@code stale} (no health report for
 *                            {@code staleAfter}) or {@code none} (no health report yet)
 * @param misconfiguredReports reports whose path had to be padded or folded (the "unknown" branch's banner)
 */
public record Service(
        ServicePath path,
        ServiceDeclaration declared,
        @Nullable String criticality,
        @Nullable String slaGroup,
        @Nullable String serviceType,
        @Nullable String namespace,
        Set<String> tags,
        HealthStatus status,
        @Nullable String message,
        Instant statusSince,
        String statusReason,
        @Nullable Instant lastHealthReportAt,
        @Nullable Storage storage,
        Backup backup,
        @Nullable Instant lastReportAt,
        long misconfiguredReports,
        Instant createdAt,
        Instant updatedAt) {

    public Service {
        tags = Set.copyOf(tags);
    }

    /** The storage facet, from the last storage report. */
    public record Storage(@Nullable Long allocatedBytes, @Nullable Long usedBytes, @Nullable Double freePercent,
            StorageLevel level, @Nullable String storageType, @Nullable String mountPath, Instant reportedAt) {
    }

    /**
     * The backup facet.
     *
     * @param alert {@code OK}, {@code PARTIAL}, {@code FAILED}, {@code OVERDUE}, or {@code NONE} when no backup
     *              was reported or expected yet
     */
    public record Backup(boolean expected, Duration maxAge, String alert, @Nullable BackupStatus lastStatus,
            @Nullable Instant lastReportAt, @Nullable Instant lastGoodAt, @Nullable Long sizeBytes,
            @Nullable String message) {
    }
}
