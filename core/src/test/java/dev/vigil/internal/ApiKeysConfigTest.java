package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.config.ApiKeyDefinition;
import dev.vigil.config.ConfigException;
import dev.vigil.config.VigilConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The YAML's {@code http.api_keys}: key or key_hash, optional scopes, errors with file:line, keys never echoed. */
class ApiKeysConfigTest {
    private static final String KEY = "reports-key-0123456789abcdef";

    private static VigilConfig parse(String yaml) {
        return ConfigLoader.parse("vigil.yaml", yaml, Map.of("REPORTS_KEY", KEY));
    }

    private static String error(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("secret-value-xyz");
            return e.getMessage();
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    @Test
    void readsKeysHashesAndScopes() {
        String hash = Secrets.hash("another-key-0123456789");
        VigilConfig c = parse(String.join("\n",
                "http:",
                "  api_keys:",
                "    - key: ${REPORTS_KEY}",
                "      scopes: [reports.write]",
                "    - key_hash: " + hash,
                "      scopes: [tasks.write, reports.write]",
                "    - key: full-access-key-0123456789",
                ""));
        List<ApiKeyDefinition> keys = c.apiKeys();
        assertThat(keys).hasSize(3);
        assertThat(keys.get(0).keyHash()).isEqualTo(Secrets.hash(KEY));
        assertThat(keys.get(0).scopes()).containsExactly("reports.write");
        assertThat(keys.get(0).origin()).isEqualTo("vigil.yaml:3");
        assertThat(keys.get(1).keyHash()).isEqualTo(hash);
        assertThat(keys.get(1).scopes()).containsExactly("tasks.write", "reports.write");
        assertThat(keys.get(2).scopes()).isEmpty();
        assertThat(keys.get(2).fullAccess()).isTrue();
        assertThat(keys.toString()).doesNotContain(KEY);
    }

    @Test
    void noHttpSectionMeansNoKeys() {
        assertThat(parse("").apiKeys()).isEmpty();
        assertThat(parse("http:\n").apiKeys()).isEmpty();
        assertThat(parse("http:\n  api_keys:\n").apiKeys()).isEmpty();
    }

    @Test
    void badEntriesNameFileLineAndField() {
        assertThat(error("http:\n  api_keys:\n    - scopes: [a]\n")).startsWith("vigil.yaml:3: http.api_keys[0]: ")
                .contains("exactly one of key");
        assertThat(error("http:\n  api_keys:\n    - key: secret-value-xyz1\n      key_hash: sha256:x\n"))
                .startsWith("vigil.yaml:3: http.api_keys[0]: ");
        assertThat(error("http:\n  api_keys:\n    - key: secret-value-xyz1\n      scopes: [\"bad scope\"]\n"))
                .startsWith("vigil.yaml:4: http.api_keys[0]").contains("scope");
        assertThat(error("http:\n  api_keys:\n    - key_hash: sha256:short\n"))
                .startsWith("vigil.yaml:3: http.api_keys[0].key_hash: ").contains("sha256:<43 base64url characters>");
        assertThat(error("http:\n  api_keys:\n    - key: \" secret-value-xyz \"\n"))
                .startsWith("vigil.yaml:3: http.api_keys[0].key: ").contains("the key is not shown");
        assertThat(error("http:\n  api_keys:\n    - key: secret-value-xyz1\n      scopes: reports.write\n"))
                .contains("http.api_keys[0].scopes: must be a list");
        assertThat(error("http:\n  api_keys:\n    - key: secret-value-xyz1\n    - key: secret-value-xyz1\n"))
                .startsWith("vigil.yaml:4: http.api_keys[1]: ").contains("configured twice (first at line 3)");
        assertThat(error("http:\n  api_keys:\n    - key: secret-value-xyz1\n      role: admin\n"))
                .startsWith("vigil.yaml:4: http.api_keys[0].role: unknown key");
        assertThat(error("http:\n  keys: []\n")).startsWith("vigil.yaml:2: http.keys: unknown key");
        assertThat(error("http:\n  api_keys: secret-value-xyz1\n")).contains("http.api_keys: must be a list");
        assertThat(error("http: [1]\n")).contains("http: must be a mapping");
        assertThat(error("http:\n  api_keys:\n    - key: ${NOT_SET}\n")).contains("NOT_SET");
    }
}
