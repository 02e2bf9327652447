package dev.vigil.service;

import org.jspecify.annotations.Nullable;

/**
 * A backup push ({@code POST /api/v1/backup/report}) as sent, addressed by {@code path} (one service, created when
 * missing and from then on expected to back up), or by {@code slaGroup} or {@code namespace} (every member with
 * {@code backup.expected=true}); when several are given the first of path, slaGroup, namespace wins, with a
 * warning. An unknown status is recorded as {@code failed}.
 */
public record BackupReport(
        @Nullable String path,
        @Nullable String slaGroup,
        @Nullable String namespace,
        @Nullable String status,
        @Nullable Long sizeBytes,
        @Nullable String message) {

    public static BackupReport forPath(String path, String status) {
        return new BackupReport(path, null, null, status, null, null);
    }

    public static BackupReport forSlaGroup(String slaGroup, String status) {
        return new BackupReport(null, slaGroup, null, status, null, null);
    }

    public static BackupReport forNamespace(String namespace, String status) {
        return new BackupReport(null, null, namespace, status, null, null);
    }
}
