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

    /** The scope that grants every other one (on API keys). */
    public static final String ADMIN_SCOPE = "admin";

    private static final AuthResult NONE = new AuthResult(Kind.NO_CREDENTIALS, null, Set.of(), false);
    private static final AuthResult BAD = new AuthResult(Kind.INVALID, null, Set.of(), false);

    private final Kind kind;
    private final @Nullable String principal;
    private final Set<String> scopes;
    private final boolean fullAccess;

    private AuthResult(Kind kind, @Nullable String principal, Set<String> scopes, boolean fullAccess) {
        this.kind = kind;
        this.principal = principal;
        this.scopes = Set.copyOf(scopes);
        this.fullAccess = fullAccess;
    }

    public static AuthResult noCredentials() {
        return NONE;
    }

    public static AuthResult invalid() {
        return BAD;
    }

    /** A known client. {@code principal} is a name safe to log (never the credential itself). */
    public static AuthResult authenticated(String principal, Set<String> scopes) {
        return new AuthResult(Kind.AUTHENTICATED, java.util.Objects.requireNonNull(principal, "principal"), scopes,
                false);
    }

    /** A known client allowed everything, whatever scope a route requires (an API key configured without scopes). */
    public static AuthResult fullAccess(String principal) {
        return new AuthResult(Kind.AUTHENTICATED, java.util.Objects.requireNonNull(principal, "principal"), Set.of(),
                true);
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

    /** The scopes granted (empty for {@link #fullAccess}, which grants all). */
    public Set<String> scopes() {
        return scopes;
    }

    /** Whether the credentials may use a route requiring {@code scope}. */
    public boolean hasScope(String scope) {
        return kind == Kind.AUTHENTICATED && (fullAccess || scopes.contains(scope));
    }

    /** Whether the credentials carry every scope. */
    public boolean isFullAccess() {
        return fullAccess;
    }

    @Override
    public String toString() {
        return "AuthResult[" + kind + (principal == null ? "" : ", " + principal) + "]";
    }
}
