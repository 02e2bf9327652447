package dev.vigil.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Identifiers for transitions and outbox entries: 128 random bits as 32 hex characters. */
public final class Ids {
    private Ids() {
    }

    /**
     * Unpredictability is not needed here (these ids are not secrets), only uniqueness, so a fast thread-local
     * generator is used rather than {@code SecureRandom}.
     */
    public static String newId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return hex(r.nextLong()) + hex(r.nextLong());
    }

    private static String hex(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }
}
