package dev.vigil.config;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An API key from the configuration's {@code http.api_keys}: the hash of the key (never the key itself) and its
 * scopes. No scopes means full access, as does the scope {@code admin}. {@code VigilHttp.builder(vigil)} picks
 * these up.
 *
 * @param keyHash {@code sha256:<base64url>}
 * @param scopes  e.g. {@code reports.write}, {@code tasks.write}, {@code admin}; empty for full access
 * @param origin  where it was configured, e.g. {@code vigil.yaml:12}, for messages
 */
public record ApiKeyDefinition(String keyHash, Set<String> scopes, String origin) {
    private static final Pattern HASH = Pattern.compile("sha256:[A-Za-z0-9_-]{43}");
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    public ApiKeyDefinition {
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(origin, "origin");
        if (!HASH.matcher(keyHash).matches()) {
            throw new IllegalArgumentException("an API key hash looks like sha256:<43 base64url characters>");
        }
        scopes = checkScopes(scopes);
    }

    /** Whether the key may use every route. */
    public boolean fullAccess() {
        return scopes.isEmpty() || scopes.contains("admin");
    }

    /**
     * Checks scope names: 1 to 100 characters, a letter or digit first, then letters, digits, '.', '_', ':' or '-'.
     *
     * @return the scopes, unmodifiable, in their order, without repeats
     * @throws IllegalArgumentException naming the bad scope
     */
    public static Set<String> checkScopes(Collection<String> scopes) {
        Objects.requireNonNull(scopes, "scopes");
        Set<String> out = new LinkedHashSet<>();
        for (String s : scopes) {
            if (s == null || !SCOPE.matcher(s).matches()) {
                throw new IllegalArgumentException("a scope is 1 to 100 letters, digits, '.', '_', ':' or '-' "
                        + "(e.g. reports.write), got " + (s == null ? "null" : "'" + s.replaceAll("[^ -~]", "?")
                        + "'"));
            }
            out.add(s);
        }
        return java.util.Collections.unmodifiableSet(out);
    }
}
