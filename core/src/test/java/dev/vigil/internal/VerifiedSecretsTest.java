package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class VerifiedSecretsTest {
    /** Reference key 00 01 .. 0f of the SipHash test vectors, as two little-endian longs. */
    private static final long K0 = 0x0706050403020100L;
    private static final long K1 = 0x0f0e0d0c0b0a0908L;

    @Test
    void sipHash128MatchesTheReferenceVectors() {
        // vectors_sip128 from the SipHash reference implementation: message 00 01 .. (len-1)
        assertSip(0, "a3817f04ba25a8e66df67214c7550293");
        assertSip(7, "a1f1ebbed8dbc153c0b84aa61ff08239");
        assertSip(8, "3b62a9ba6258f5610f83e264f31497b4");
        assertSip(15, "5493e99933b0a8117e08ec0f97cfc3d9");
        assertSip(43, "27d93437efb721aa401821dcec5adf89");
        assertSip(63, "5150d1772f50834a503e069a973fbd7c");
    }

    private static void assertSip(int len, String expectedHex) {
        byte[] m = new byte[len];
        for (int i = 0; i < len; i++) {
            m[i] = (byte) i;
        }
        long[] out = new long[2];
        VerifiedSecrets.sipHash128(K0, K1, m, out);
        byte[] got = new byte[16];
        for (int i = 0; i < 8; i++) {
            got[i] = (byte) (out[0] >>> (8 * i));
            got[8 + i] = (byte) (out[1] >>> (8 * i));
        }
        assertThat(HexFormat.of().formatHex(got)).as("length %d", len).isEqualTo(expectedHex);
    }

    @Test
    void remembersOnlyAfterVerificationAndOnlyForItsHash() {
        String secret = Secrets.generate();
        String hash = Secrets.hash(secret);
        byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
        assertThat(VerifiedSecrets.contains(hash, utf8)).isFalse();

        assertThat(Secrets.matches(secret, hash)).isTrue(); // full SHA-256, then remembered
        assertThat(VerifiedSecrets.contains(hash, utf8)).isTrue();
        assertThat(Secrets.matches(secret, hash)).isTrue(); // from memory

        assertThat(Secrets.matches(secret + "x", hash)).isFalse();
        assertThat(Secrets.matches(secret.substring(1), hash)).isFalse();
        assertThat(Secrets.matches(Secrets.generate(), hash)).isFalse();

        String rotated = Secrets.hash(Secrets.generate());
        assertThat(Secrets.matches(secret, rotated)).as("old secret against a rotated hash").isFalse();
        assertThat(Secrets.matches(secret, hash)).isTrue();
    }

    @Test
    void aWrongSecretIsNeverRemembered() {
        String hash = Secrets.hash(Secrets.generate());
        String wrong = Secrets.generate();
        assertThat(Secrets.matches(wrong, hash)).isFalse();
        assertThat(VerifiedSecrets.contains(hash, wrong.getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void manyMonitorsSharingSetsStayCorrect() {
        int n = VerifiedSecrets.SETS * 3;
        String[] secrets = new String[n];
        String[] hashes = new String[n];
        for (int i = 0; i < n; i++) {
            secrets[i] = Secrets.generate();
            hashes[i] = Secrets.hash(secrets[i]);
            assertThat(Secrets.matches(secrets[i], hashes[i])).isTrue();
        }
        for (int i = 0; i < n; i++) {
            assertThat(Secrets.matches(secrets[i], hashes[i])).isTrue();
            assertThat(Secrets.matches(secrets[(i + 1) % n], hashes[i])).isFalse();
        }
    }
}
