package dev.vigil.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Push secrets and API keys: 32 random bytes from {@link SecureRandom}, base64url; stored only as a
 * SHA-256 hash (the secrets carry 256 bits of entropy, so a slow KDF adds nothing) and compared in
 * constant time.
 */
public final class Secrets {
    private static final String PREFIX = "sha256:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    });

    /** Longest secret accepted for hashing; longer input cannot be a Vigil secret. */
    public static final int MAX_SECRET_LENGTH = 512;

    private Secrets() {
    }

    /** A new 32-byte random secret, base64url without padding (43 characters). */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    /** The storable hash of a secret, {@code sha256:<base64url>}. */
    public static String hash(String secret) {
        return PREFIX + B64.encodeToString(sha256(secret));
    }

    /** Constant-time check of a presented secret against a stored hash: SHA-256, then {@code MessageDigest.isEqual}. */
    public static boolean matches(String presented, String storedHash) {
        if (presented.isEmpty() || presented.length() > MAX_SECRET_LENGTH || !storedHash.startsWith(PREFIX)) {
            return false;
        }
        byte[] utf8 = presented.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] expected;
            try {
                expected = B64D.decode(storedHash.substring(PREFIX.length()));
            } catch (IllegalArgumentException e) {
                return false;
            }
            MessageDigest md = SHA256.get();
            md.reset();
            return MessageDigest.isEqual(md.digest(utf8), expected);
        } finally {
            Arrays.fill(utf8, (byte) 0); // keep no copy of the plaintext around longer than needed
        }
    }

    /** SHA-256 of the text's UTF-8 bytes (with a digest kept per thread). */
    public static byte[] sha256(String text) {
        MessageDigest md = SHA256.get();
        md.reset();
        return md.digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
