package dev.vigil.service;

import org.jspecify.annotations.Nullable;

/**
 * A storage push ({@code POST /api/v1/storage/report}) as sent. Negative byte counts count as 0, {@code usedBytes}
 * above {@code allocatedBytes} is clamped, {@code freePercent} outside [0, 100] is clamped and, when the bytes are
 * given too and disagree by more than one point, the bytes win; each with a warning. Every storage report adds the
 * {@code storage} tag to the service.
 */
public record StorageReport(
        @Nullable String path,
        @Nullable Long allocatedBytes,
        @Nullable Long usedBytes,
        @Nullable Double freePercent,
        @Nullable String storageType,
        @Nullable String mountPath) {

    /** A report of a path's allocated and used bytes only. */
    public static StorageReport of(String path, long allocatedBytes, long usedBytes) {
        return new StorageReport(path, allocatedBytes, usedBytes, null, null, null);
    }
}
