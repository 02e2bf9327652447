package dev.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.http.AuthResult;
import dev.vigil.http.HttpRequest;
import dev.vigil.http.HttpResponse;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One request being handled: the request, the path parameters of the matched route, the caller. Bodies are read
 * whatever their Content-Type (or none): {@link #body()} gives the bytes, {@link #json()} and {@link #jsonObject}
 * parse strictly, {@link #lenientBody()} leniently.
 */
public final class Exchange {
    private final HttpRequest request;
    private final Map<String, String> params;
    private final int maxBodyBytes;
    private final @Nullable AuthResult auth;

    /**
     * An exchange for a matched route (Vigil's router makes these; route authors may, to test a handler).
     *
     * @param maxBodyBytes the body limit; {@link #body()} throws {@link BodyTooLargeException} past it
     */
    public Exchange(HttpRequest request, Map<String, String> params, int maxBodyBytes, @Nullable AuthResult auth) {
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative");
        }
        this.request = java.util.Objects.requireNonNull(request, "request");
        this.params = Map.copyOf(params);
        this.maxBodyBytes = maxBodyBytes;
        this.auth = auth;
    }

    public HttpRequest request() {
        return request;
    }

    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return v;
    }

    /** Every path parameter of the matched route. */
    public Map<String, String> params() {
        return params;
    }

    public Optional<String> query(String name) {
        return request.query(name);
    }

    /** The authenticated caller, when the route requires authentication. */
    public @Nullable AuthResult auth() {
        return auth;
    }

    /** The body, read now (413 past the limit, 400 if the client went away). */
    public byte[] body() {
        try {
            return request.body(maxBodyBytes);
        } catch (UncheckedIOException e) {
            throw HttpError.badRequest("Could not read the request body");
        }
    }

    public @Nullable JsonNode json() {
        return Json.parse(body());
    }

    public ObjectNode jsonObject(String what) {
        return Json.parseObject(body(), what);
    }

    /**
     * The body read leniently, whatever its Content-Type: any JSON object is accepted and problems become warnings
     * (see {@link LenientBody}); only a body that is not a JSON object is a 400.
     */
    public LenientBody lenientBody() {
        return LenientBody.parse(body());
    }

    /** Turns a path relative to the mount point into an absolute URL when the request's base is known. */
    public String url(String relativePath) {
        return request.baseUrl().map(b -> b + relativePath).orElse(relativePath);
    }

    public static HttpResponse json(int status, JsonNode body) {
        return json(status, body, Map.of());
    }

    public static HttpResponse json(int status, JsonNode body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.putAll(extraHeaders);
        return new HttpResponse(status, headers, Json.write(body));
    }

    public static HttpResponse error(int status, String message, Map<String, String> extraHeaders) {
        ObjectNode body = Json.object();
        body.put("error", message);
        return json(status, body, extraHeaders);
    }

    public static HttpResponse noContent() {
        return new HttpResponse(204, Map.of("Cache-Control", "no-store"), new byte[0]);
    }
}
