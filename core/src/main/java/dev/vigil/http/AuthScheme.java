package dev.vigil.http;

/** The ways a client proves who it is; each route accepts exactly one. */
public enum AuthScheme {
    /** {@code X-API-Key: <key>}: Vigil's admin API (and later seeds 000 and 003). */
    API_KEY("X-API-Key header"),
    /** {@code Authorization: Api-Token <token>}, with scopes such as {@code events.ingest} (seed 001). */
    API_TOKEN("Authorization: Api-Token header"),
    /** {@code Authorization: Basic <base64(user:password)>} (seed 004). */
    BASIC("HTTP Basic authentication");

    private final String description;

    AuthScheme(String description) {
        this.description = description;
    }

    /** How the credential is sent, for error messages, e.g. {@code X-API-Key header}. */
    public String description() {
        return description;
    }
}
