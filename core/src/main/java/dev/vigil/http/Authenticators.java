package dev.vigil.http;

import dev.vigil.internal.Secrets;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in authenticators. Each keeps only hashes ({@link #hash(String)}, SHA-256) and compares every
 * configured credential in constant time, so neither timing nor a heap dump reveals one.
 */
public final class Authenticators {
    private static final int MAX_HEADER = 4096;

    private Authenticators() {
    }

    /** The storable hash of a key, token or password: {@code sha256:<base64url>}. */
    public static String hash(String secret) {
        return Secrets.hash(secret);
    }

    /** A new random secret (32 bytes from {@code SecureRandom}, base64url, 43 characters), e.g. an API key. */
    public static String generateSecret() {
        return Secrets.generate();
    }

    /** {@code X-API-Key: <key>} against the given key hashes; every key has full access. */
    public static Authenticator apiKeys(List<String> keyHashes) {
        Map<String, Set<String>> all = new LinkedHashMap<>();
        for (String h : keyHashes) {
            all.put(h, Set.of());
        }
        return scopedApiKeys(all);
    }

    /**
     * {@code X-API-Key: <key>} against key hashes, each with its scopes (e.g. {@code reports.write}). A key with
     * no scopes, or with {@link AuthResult#ADMIN_SCOPE admin}, has full access.
     */
    public static Authenticator scopedApiKeys(Map<String, Set<String>> scopesByKeyHash) {
        List<Map.Entry<String, Set<String>>> keys = List.copyOf(new LinkedHashMap<>(scopesByKeyHash).entrySet());
        List<String> hashes = keys.stream().map(Map.Entry::getKey).toList();
        return request -> {
            Optional<String> key = request.header("X-API-Key");
            if (key.isEmpty() || key.get().isBlank()) {
                return AuthResult.noCredentials();
            }
            if (key.get().length() > MAX_HEADER) {
                return AuthResult.invalid();
            }
            int found = match(key.get().trim(), hashes);
            if (found < 0) {
                return AuthResult.invalid();
            }
            Set<String> scopes = keys.get(found).getValue();
            String principal = "api-key-" + (found + 1);
            return scopes.isEmpty() || scopes.contains(AuthResult.ADMIN_SCOPE) ? AuthResult.fullAccess(principal)
                    : AuthResult.authenticated(principal, scopes);
        };
    }

    /**
     * {@code Authorization: Api-Token <token>} against token hashes, each with its scopes (e.g.
     * {@code events.ingest}, {@code events.read}); as in Dynatrace, the token may also come as the query parameter
     * {@code api-token} (never logged).
     */
    /** The query parameter that may carry an API token instead of the {@code Authorization} header. */
    public static final String API_TOKEN_PARAMETER = "api-token";

    public static Authenticator apiTokens(Map<String, Set<String>> scopesByTokenHash) {
        List<Map.Entry<String, Set<String>>> tokens = List.copyOf(new LinkedHashMap<>(scopesByTokenHash).entrySet());
        List<String> hashes = tokens.stream().map(Map.Entry::getKey).toList();
        return request -> {
            Optional<String> token = credential(request, "Api-Token");
            if (token.isEmpty()) {
                // Dynatrace also takes the token as a query parameter (the router never logs paths or queries)
                token = request.query(API_TOKEN_PARAMETER).map(String::trim).filter(t -> !t.isEmpty()
                        && t.length() <= MAX_HEADER);
            }
            if (token.isEmpty()) {
                return AuthResult.noCredentials();
            }
            int found = match(token.get(), hashes);
            return found < 0 ? AuthResult.invalid()
                    : AuthResult.authenticated("api-token-" + (found + 1), tokens.get(found).getValue());
        };
    }

    /**
     * {@code Authorization: Basic ...} against user names and password hashes; every user has full access (as an
     * API key configured without scopes), so it may also use routes requiring {@link AuthResult#ADMIN_SCOPE admin}
     * such as the status page.
     */
    public static Authenticator basic(Map<String, String> passwordHashByUser) {
        return basic(passwordHashByUser, Map.of());
    }

    /**
     * {@code Authorization: Basic ...} against user names and password hashes, each user limited to its scopes; a
     * user without scopes (or with {@link AuthResult#ADMIN_SCOPE admin}) has full access.
     */
    public static Authenticator basic(Map<String, String> passwordHashByUser, Map<String, Set<String>> scopesByUser) {
        List<Map.Entry<String, String>> users = List.copyOf(new LinkedHashMap<>(passwordHashByUser).entrySet());
        Map<String, Set<String>> scopes = Map.copyOf(scopesByUser);
        return request -> {
            Optional<String> encoded = credential(request, "Basic");
            if (encoded.isEmpty()) {
                return AuthResult.noCredentials();
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(encoded.get()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return AuthResult.invalid();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return AuthResult.invalid();
            }
            String user = decoded.substring(0, colon);
            String password = decoded.substring(colon + 1);
            // Hash the user name too, so the comparison does not leak which user names exist.
            String userHash = Secrets.hash(user);
            String matched = null;
            for (Map.Entry<String, String> e : users) {
                boolean userOk = Secrets.matches(e.getKey(), userHash);
                boolean passwordOk = Secrets.matches(password, e.getValue());
                if (userOk & passwordOk) {
                    matched = e.getKey();
                }
            }
            if (matched == null) {
                return AuthResult.invalid();
            }
            Set<String> granted = scopes.getOrDefault(matched, Set.of());
            return granted.isEmpty() || granted.contains(AuthResult.ADMIN_SCOPE) ? AuthResult.fullAccess(matched)
                    : AuthResult.authenticated(matched, granted);
        };
    }

    /** The credential after {@code Authorization: <scheme> }, scheme matched case-insensitively. */
    private static Optional<String> credential(HttpRequest request, String scheme) {
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty() || header.get().length() > MAX_HEADER) {
            return Optional.empty();
        }
        String h = header.get().trim();
        if (h.length() <= scheme.length() || !h.substring(0, scheme.length()).toLowerCase(Locale.ROOT)
                .equals(scheme.toLowerCase(Locale.ROOT)) || h.charAt(scheme.length()) != ' ') {
            return Optional.empty();
        }
        String value = h.substring(scheme.length() + 1).trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Index of the matching hash, checking every one (constant time in the number of keys); -1 if none. */
    private static int match(String presented, List<String> hashes) {
        int found = -1;
        for (int i = 0; i < hashes.size(); i++) {
            if (Secrets.matches(presented, hashes.get(i)) && found < 0) {
                found = i;
            }
        }
        return found;
    }
}
