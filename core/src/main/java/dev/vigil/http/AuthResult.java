package dev.vigil.http;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link Authenticator} concluded: the request carried no credentials of its scheme, carried wrong ones
 * (counted towards throttling), or identifies a principal with scopes.
 */
public final class AuthResult {
    /** The three outcomes. */
    public enum Kind {
        NO_CREDENTIALS,
        INVALID,
        AUTHENTICATED
    }

    private static final AuthResult NONE = new AuthResult(Kind.NO_CREDENTIALS, null, Set.of());
    private static final AuthResult BAD = new AuthResult(Kind.INVALID, null, Set.of());

    private final Kind kind;
    private final @Nullable String principal;
    private final Set<String> scopes;

    private AuthResult(Kind kind, @Nullable String principal, Set<String> scopes) {
        this.kind = kind;
        this.principal = principal;
        this.scopes = Set.copyOf(scopes);
    }

    public static AuthResult noCredentials() {
        return NONE;
    }

    public static AuthResult invalid() {
        return BAD;
    }

    /** A known client. {@code principal} is a name safe to log (never the credential itself). */
    public static AuthResult authenticated(String principal, Set<String> scopes) {
        return new AuthResult(Kind.AUTHENTICATED, principal, scopes);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isAuthenticated() {
        return kind == Kind.AUTHENTICATED;
    }

    /** The authenticated principal's name, or null. */
    public @Nullable String principal() {
        return principal;
    }

    public Set<String> scopes() {
        return scopes;
    }

    @Override
    public String toString() {
        return "AuthResult[" + kind + (principal == null ? "" : ", " + principal) + "]";
    }
}
