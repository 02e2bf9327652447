package dev.vigil.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * A small, bounded memory of secrets that recently verified, so that a monitor pushed again with the same secret
 * does not pay for SHA-256 on every push. Used only by {@link Secrets#matches}.
 *
 * <p>What it holds, and why that keeps DESIGN section 5:
 * <ul>
 *   <li>Per stored hash, at most one entry: the stored hash (already in the store) and a 128-bit <b>keyed
 *       fingerprint</b> (SipHash-2-4-128) of the secret's UTF-8 bytes, keyed with 128 bits from
 *       {@link SecureRandom} drawn when this class loads. Never the secret itself. Nothing here is persisted,
 *       logged or reachable through any API; it lives and dies with the process.</li>
 *   <li>An entry is written only after the secret passed the full SHA-256 check with a constant-time compare,
 *       so the memory accepts only what SHA-256 accepted. Without the key, producing a different string with the
 *       same fingerprint is a 2^-128 guess per attempt (SipHash is a keyed PRF).</li>
 *   <li>Constant time: which entry is read depends on the stored hash only; the fingerprint compare is a
 *       branch-free xor/or of two longs; a wrong secret always falls through to SHA-256 and
 *       {@link java.security.MessageDigest#isEqual}. The only timing difference is hit versus miss, i.e.
 *       "this was the correct, recently used secret", which the response says anyway.</li>
 *   <li>Rotation and deletion: entries are keyed by the stored hash, and a rotated secret has a new hash, so
 *       an old secret matches nothing; stale entries are simply overwritten.</li>
 *   <li>Whoever can read this process's heap can read the key and the fingerprints; brute-forcing a secret
 *       from its fingerprint is no easier than from its SHA-256 hash, which such a reader has as well
 *       (32 random bytes make both infeasible), and such a reader also sees request buffers.</li>
 *   <li>Bounded: {@value #SETS} sets of 2 entries (about 40 bytes each plus the stored-hash strings they keep
 *       alive), whatever the number of monitors or pushes.</li>
 * </ul>
 */
final class VerifiedSecrets {
    static final int SETS = 1 << 13;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long K0;
    private static final long K1;

    static {
        SecureRandom random = new SecureRandom();
        K0 = random.nextLong();
        K1 = random.nextLong();
    }

    /** Two ways per set: entry 2s is the most recently remembered, 2s+1 the one before. */
    private static final Entry[] TABLE = new Entry[2 * SETS];

    /** Immutable, so publishing it through a plain array store is safe (final field semantics). */
    private static final class Entry {
        final String storedHash;
        final long f0;
        final long f1;

        Entry(String storedHash, long f0, long f1) {
            this.storedHash = storedHash;
            this.f0 = f0;
            this.f1 = f1;
        }
    }

    private VerifiedSecrets() {
    }

    /** True if {@code secretUtf8} is the secret that last verified against {@code storedHash}. */
    static boolean contains(String storedHash, byte[] secretUtf8) {
        int i = 2 * set(storedHash);
        Entry e = TABLE[i];
        if (e == null || !e.storedHash.equals(storedHash)) {
            e = TABLE[i + 1];
            if (e == null || !e.storedHash.equals(storedHash)) {
                return false;
            }
        }
        long[] f = new long[2]; // scalar-replaced by the JIT
        sipHash128(K0, K1, secretUtf8, f);
        return ((f[0] ^ e.f0) | (f[1] ^ e.f1)) == 0;
    }

    /** Remembers a secret that has just passed the SHA-256 check against {@code storedHash}. */
    static void remember(String storedHash, byte[] secretUtf8) {
        long[] f = new long[2];
        sipHash128(K0, K1, secretUtf8, f);
        int i = 2 * set(storedHash);
        Entry first = TABLE[i];
        if (first != null && !first.storedHash.equals(storedHash)) {
            TABLE[i + 1] = first; // races may lose an entry; a lost entry only costs one SHA-256 later
        }
        TABLE[i] = new Entry(storedHash, f[0], f[1]);
    }

    private static int set(String storedHash) {
        int h = storedHash.hashCode();
        return (h ^ (h >>> 13)) & (SETS - 1);
    }

    /** SipHash-2-4 with 128-bit output (Aumasson and Bernstein), little-endian as in the reference code. */
    static void sipHash128(long k0, long k1, byte[] m, long[] out) {
        long v0 = 0x736f6d6570736575L ^ k0;
        long v1 = 0x646f72616e646f6dL ^ k1 ^ 0xee;
        long v2 = 0x6c7967656e657261L ^ k0;
        long v3 = 0x7465646279746573L ^ k1;
        int len = m.length;
        int end = len & ~7;
        for (int i = 0; i <= end; i += 8) {
            long w;
            if (i < end) {
                w = (long) LONG_LE.get(m, i);
            } else {
                w = ((long) len) << 56;
                for (int j = len - 1; j >= end; j--) {
                    w |= (m[j] & 0xffL) << ((j - end) << 3);
                }
            }
            v3 ^= w;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= w;
        }
        v2 ^= 0xee;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        out[0] = v0 ^ v1 ^ v2 ^ v3;
        v1 ^= 0xdd;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        out[1] = v0 ^ v1 ^ v2 ^ v3;
    }
}
