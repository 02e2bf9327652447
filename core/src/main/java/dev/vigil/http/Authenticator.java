package dev.vigil.http;

/**
 * Checks the credentials of one {@link AuthScheme} in a request. Vigil ships one per scheme
 * ({@link Authenticators}); supply your own with {@link VigilHttp.Builder#authenticator} to check against another
 * credential store. Implementations must be thread-safe, must compare secrets in constant time, and must never log
 * them.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * {@link AuthResult#noCredentials()} when the request carries none of this scheme's credentials,
     * {@link AuthResult#invalid()} when they are wrong, else {@link AuthResult#authenticated}.
     */
    AuthResult authenticate(HttpRequest request);
}
