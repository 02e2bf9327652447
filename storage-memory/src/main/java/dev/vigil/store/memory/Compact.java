package dev.vigil.store.memory;

import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** Encodings of the compact monitor representation: instants as epoch millis, secret hashes as four longs. */
final class Compact {
    /** An absent (null) instant. */
    static final long NONE = Long.MIN_VALUE;
    /** An instant that has no exact millisecond encoding (sub-millisecond part, or out of range). */
    static final long INEXACT = Long.MIN_VALUE + 1;

    private static final long MAX_SECONDS = Long.MAX_VALUE / 1000 - 1;
    private static final long MIN_SECONDS = Long.MIN_VALUE / 1000 + 1;
    private static final String HASH_PREFIX = "sha256:";
    private static final int HASH_LENGTH = HASH_PREFIX.length() + 43;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private Compact() {
    }

    /** Epoch millis of {@code t}, {@link #NONE} for null, {@link #INEXACT} when millis would lose something. */
    static long millis(@Nullable Instant t) {
        if (t == null) {
            return NONE;
        }
        long s = t.getEpochSecond();
        int nano = t.getNano();
        if (nano % 1_000_000 != 0 || s > MAX_SECONDS || s < MIN_SECONDS) {
            return INEXACT;
        }
        long ms = s * 1000 + nano / 1_000_000;
        return ms == NONE || ms == INEXACT ? INEXACT : ms;
    }

    static @Nullable Instant instant(long millis) {
        return millis == NONE ? null : Instant.ofEpochMilli(millis);
    }

    /**
     * Deadline-index key of an instant: epoch nanoseconds, exact from 1677 to 2262 and saturated beyond (where
     * the order of two saturated keys is lost, never their order against real dates).
     */
    static long key(Instant t) {
        long s = t.getEpochSecond();
        if (s >= Long.MAX_VALUE / 1_000_000_000L) {
            return Long.MAX_VALUE;
        }
        if (s <= Long.MIN_VALUE / 1_000_000_000L) {
            return Long.MIN_VALUE;
        }
        return s * 1_000_000_000L + t.getNano();
    }

    /** {@link #key(Instant)} of an epoch-millis value. */
    static long keyOfMillis(long millis) {
        if (millis >= Long.MAX_VALUE / 1_000_000L) {
            return Long.MAX_VALUE;
        }
        if (millis <= Long.MIN_VALUE / 1_000_000L) {
            return Long.MIN_VALUE;
        }
        return millis * 1_000_000L;
    }

    static Instant instantOfKey(long key) {
        return Instant.ofEpochSecond(Math.floorDiv(key, 1_000_000_000L), Math.floorMod(key, 1_000_000_000L));
    }

    /**
     * The 32 digest bytes of a {@code sha256:<base64url>} hash as four longs, or null when the string is not
     * exactly what {@link #hash} would give back (then the store keeps the string as it is).
     */
    static long @Nullable [] parseHash(String hash) {
        if (hash.length() != HASH_LENGTH || !hash.startsWith(HASH_PREFIX)) {
            return null;
        }
        byte[] b;
        try {
            b = B64D.decode(hash.substring(HASH_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (b.length != 32 || !(HASH_PREFIX + B64.encodeToString(b)).equals(hash)) {
            return null;
        }
        long[] out = new long[4];
        for (int i = 0; i < 32; i++) {
            out[i >> 3] |= (b[i] & 0xffL) << ((i & 7) << 3);
        }
        return out;
    }

    static String hash(long h0, long h1, long h2, long h3) {
        byte[] b = new byte[32];
        long[] h = {h0, h1, h2, h3};
        for (int i = 0; i < 32; i++) {
            b[i] = (byte) (h[i >> 3] >>> ((i & 7) << 3));
        }
        return HASH_PREFIX + B64.encodeToString(b);
    }

    /** A transition id of 32 lower-case hex digits as two longs, or null if it has another form. */
    static long @Nullable [] parseHexId(String id) {
        if (id.length() != 32) {
            return null;
        }
        for (int i = 0; i < 32; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return null;
            }
        }
        return new long[] {Long.parseUnsignedLong(id, 0, 16, 16), Long.parseUnsignedLong(id, 16, 32, 16)};
    }

    static String hexId(long hi, long lo) {
        String a = Long.toHexString(hi);
        String b = Long.toHexString(lo);
        return "0".repeat(16 - a.length()) + a + "0".repeat(16 - b.length()) + b;
    }
}
