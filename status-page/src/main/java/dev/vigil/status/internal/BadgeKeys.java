package dev.vigil.status.internal;

import dev.vigil.model.SubjectRef;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Unguessable badge keys: HMAC-SHA256 of what a badge shows (a subject's kind and key, or a group's label and
 * value) under a secret, the first 128 bits in base64url (22 characters). Without the secret no key can be derived
 * from a subject's id or name, and a key says nothing about what it shows.
 */
public final class BadgeKeys {
    private static final int KEY_BYTES = 16;
    private final SecretKeySpec secret;

    public BadgeKeys(byte[] secret) {
        this.secret = new SecretKeySpec(Arrays.copyOf(secret, secret.length), "HmacSHA256");
    }

    public String subject(SubjectRef ref) {
        return mac("subject\n" + ref.kind() + "\n" + ref.key());
    }

    public String group(String label, String value) {
        return mac("group\n" + label + "\n" + value);
    }

    private String mac(String what) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            byte[] full = mac.doFinal(("vigil-status-badge\n" + what).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, KEY_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether a text could be a key at all (checked before any lookup). */
    public static boolean looksLikeKey(String s) {
        return s.length() == 22 && s.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
                || c >= '0' && c <= '9' || c == '-' || c == '_');
    }
}
