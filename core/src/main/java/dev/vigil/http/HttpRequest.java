package dev.vigil.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as Vigil sees it, independent of the server: method, path relative to the mount point, query
 * parameters, headers (names case-insensitive) and the body. The body is either given as bytes or as a stream
 * that is read lazily, only by routes that need it, and never past the limit (see {@link #body(int)}).
 *
 * <pre>{@code
 * HttpRequest req = HttpRequest.builder("POST", "/api/push/5/secret")
 *         .header("Content-Type", "application/json")
 *         .body("{\"status\":\"success\"}".getBytes(UTF_8))
 *         .remoteAddress("127.0.0.1")
 *         .build();
 * }</pre>
 */
public final class HttpRequest {
    private static final byte[] EMPTY = new byte[0];

    private final String method;
    private final String path;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final String remoteAddress;
    private final @Nullable Supplier<@Nullable String> baseUrl;
    private final long contentLength;
    private @Nullable InputStream stream;
    private byte @Nullable [] body;

    private HttpRequest(Builder b) {
        this.method = b.method;
        this.path = b.path;
        this.query = Collections.unmodifiableMap(copy(b.query, new LinkedHashMap<>()));
        this.headers = Collections.unmodifiableMap(b.headers); // the builder's map: it is not used again
        this.remoteAddress = b.remoteAddress;
        this.baseUrl = b.baseUrl;
        this.contentLength = b.contentLength;
        this.stream = b.stream;
        this.body = b.body;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> from, Map<String, List<String>> to) {
        for (Map.Entry<String, List<String>> e : from.entrySet()) {
            to.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue());
        }
        to.replaceAll((k, v) -> List.copyOf(v));
        return to;
    }

    /**
     * Starts a request. {@code path} is relative to where the API is mounted and already percent-decoded (as
     * {@code HttpServletRequest.getPathInfo()} returns it); an empty path means {@code /}.
     */
    public static Builder builder(String method, String path) {
        return new Builder(method, path);
    }

    /** The method, upper-case, e.g. {@code POST}. */
    public String method() {
        return method;
    }

    /** The decoded path relative to the mount point, starting with {@code /}. */
    public String path() {
        return path;
    }

    /** The first value of a query parameter. */
    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Map<String, List<String>> queryParameters() {
        return query;
    }

    /** The first value of a header; names are case-insensitive. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every header, names case-insensitive. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The client's address (for throttling failed logins); empty when unknown. */
    public String remoteAddress() {
        return remoteAddress;
    }

    /**
     * The absolute URL of the mount point, e.g. {@code https://example.com/monitoring}, when the adapter knows it;
     * used to build absolute push URLs.
     */
    public Optional<String> baseUrl() {
        String url = baseUrl == null ? null : baseUrl.get();
        return Optional.ofNullable(url == null ? null : url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    /** The declared Content-Length, or -1 when unknown (chunked, or no body). */
    public long contentLength() {
        return contentLength;
    }

    /**
     * The body, read at most once. A streamed body is read up to {@code maxBytes + 1} bytes and no further: a
     * declared or actual length above {@code maxBytes} throws.
     *
     * @throws BodyTooLargeException if the body is longer than {@code maxBytes}
     * @throws UncheckedIOException  if the stream fails (the client went away)
     */
    public synchronized byte[] body(int maxBytes) {
        if (body == null) {
            if (contentLength > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
            InputStream in = stream;
            stream = null;
            body = in == null ? EMPTY : contentLength >= 0 ? readDeclared(in, (int) contentLength)
                    : readAtMost(in, maxBytes);
        }
        if (body.length > maxBytes) {
            throw new BodyTooLargeException(maxBytes);
        }
        return body;
    }

    /** A body of declared length (within the limit, checked before): an array of that size, no 8 KiB buffers. */
    private static byte[] readDeclared(InputStream in, int length) {
        try {
            return in.readNBytes(length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAtMost(InputStream in, int maxBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes + 1, 8192));
        byte[] buf = new byte[8192];
        long limit = (long) maxBytes + 1;
        try {
            while (out.size() < limit) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, limit - out.size()));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        // Never the path itself: push paths carry secrets.
        return "HttpRequest[" + method + "]";
    }

    /** Collects the parts of a request. */
    public static final class Builder {
        private final String method;
        private final String path;
        private final Map<String, List<String>> query = new LinkedHashMap<>();
        private Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private String remoteAddress = "";
        private @Nullable Supplier<@Nullable String> baseUrl;
        private long contentLength = -1;
        private @Nullable InputStream stream;
        private byte @Nullable [] body;

        private Builder(String method, String path) {
            this.method = method.toUpperCase(Locale.ROOT);
            this.path = path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path;
        }

        /** Adds one query parameter (already decoded). */
        public Builder queryParameter(String name, String value) {
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        /**
         * Adds the parameters of a raw query string such as {@code a=1&b=x%20y} (percent- and plus-decoded as
         * UTF-8). Malformed escapes are kept literally rather than failing the request.
         */
        public Builder rawQuery(@Nullable String rawQuery) {
            if (rawQuery == null || rawQuery.isEmpty()) {
                return this;
            }
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                queryParameter(decode(name), decode(value));
            }
            return this;
        }

        private static String decode(String s) {
            try {
                return URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return s;
            }
        }

        /** Adds one header value; names are matched case-insensitively. */
        public Builder header(String name, String value) {
            headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            return this;
        }

        public Builder remoteAddress(@Nullable String address) {
            this.remoteAddress = address == null ? "" : address;
            return this;
        }

        /** The absolute URL of the mount point, without a trailing slash (e.g. {@code http://host:8080/monitoring}). */
        public Builder baseUrl(@Nullable String url) {
            this.baseUrl = url == null ? null : () -> url;
            return this;
        }

        /**
         * The absolute URL of the mount point, worked out only if a route asks for it (most never do: only answers
         * that link to Vigil itself, such as a new monitor's push URL).
         */
        public Builder baseUrl(Supplier<@Nullable String> url) {
            this.baseUrl = url;
            return this;
        }

        /** A body already in memory. */
        public Builder body(byte[] bytes) {
            this.body = bytes.clone();
            this.stream = null;
            this.contentLength = bytes.length;
            return this;
        }

        /**
         * A body to read lazily from a stream (at most once, never past the limit). {@code contentLength} is the
         * declared length, or -1 when unknown.
         */
        public Builder body(InputStream in, long contentLength) {
            this.stream = in;
            this.body = null;
            this.contentLength = contentLength;
            return this;
        }

        /** The request; the builder must not be used after this. */
        public HttpRequest build() {
            HttpRequest request = new HttpRequest(this);
            headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER); // the request keeps the map it was given
            return request;
        }
    }
}
