package dev.vigil.service;

import java.util.Locale;
import java.util.Optional;

/** The result a backup report carries (seed 000). */
public enum BackupStatus {
    SUCCESS,
    FAILED,
    PARTIAL;

    /** The lower-case name used over HTTP: {@code success}, {@code failed}, {@code partial}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status named {@code text}, without regard to case or surrounding blanks; empty for any other text. */
    public static Optional<BackupStatus> parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (BackupStatus s : values()) {
            if (s.name().equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
