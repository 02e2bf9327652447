package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void generatedSecretsAre32RandomBytesInBase64Url() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String s = Secrets.generate();
            assertThat(s).matches("[A-Za-z0-9_-]{43}");
            assertThat(seen.add(s)).isTrue();
        }
    }

    @Test
    void hashesDoNotContainTheSecretAndVerify() {
        String secret = Secrets.generate();
        String hash = Secrets.hash(secret);
        assertThat(hash).startsWith("sha256:").doesNotContain(secret);
        assertThat(Secrets.matches(secret, hash)).isTrue();
        assertThat(Secrets.matches(secret + "x", hash)).isFalse();
        assertThat(Secrets.matches("", hash)).isFalse();
        assertThat(Secrets.matches(secret, "plain:" + secret)).isFalse();
        assertThat(Secrets.matches(secret, "sha256:!!notbase64")).isFalse();
        assertThat(Secrets.matches("x".repeat(10_000), hash)).isFalse();
    }
}
