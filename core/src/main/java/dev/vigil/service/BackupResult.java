package dev.vigil.service;

import java.util.List;

/**
 * What a backup report did: the paths of the services it reached (none is a warning, not an error), the status
 * recorded, and the warnings.
 */
public record BackupResult(List<String> paths, BackupStatus status, List<String> warnings) {
    public BackupResult {
        paths = List.copyOf(paths);
        warnings = List.copyOf(warnings);
    }
}
