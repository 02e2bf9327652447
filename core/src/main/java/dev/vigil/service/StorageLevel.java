package dev.vigil.service;

import java.util.Locale;

/**
 * A storage facet's level by free space (seed 000): {@code healthy} above 30 % free, {@code warning} from 10 % to
 * 30 % inclusive, {@code critical} below 10 %; {@code unknown} when the allocated size is 0.
 */
public enum StorageLevel {
    HEALTHY,
    WARNING,
    CRITICAL,
    UNKNOWN;

    /** The lower-case name used over HTTP, in labels and in transitions: {@code healthy}, {@code warning}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level of a volume with {@code freePercent} (0 to 100) free. */
    public static StorageLevel ofFreePercent(double freePercent) {
        if (freePercent > 30) {
            return HEALTHY;
        }
        return freePercent >= 10 ? WARNING : CRITICAL;
    }
}
