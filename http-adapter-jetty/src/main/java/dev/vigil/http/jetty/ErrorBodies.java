package dev.vigil.http.jetty;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * The {@code {"error": "..."}} body for an error the container produced, in words a client can act on. Jetty's own
 * reason ({@code "Ambiguous URI path separator"}, {@code "Duplicate Content-Length"}) only picks the sentence; it is
 * never copied, nor is an exception's text, so no Java class or Jetty internal reaches the client.
 */
final class ErrorBodies {
    private ErrorBodies() {
    }

    /** Writes the JSON error answer: what both error handlers (core Jetty and ee10 servlet contexts) send. */
    static void respond(Response response, int status, @Nullable String reason, @Nullable Throwable cause,
            Callback callback) {
        byte[] body = json(status, reason, cause);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    static byte[] json(int status, @Nullable String reason, @Nullable Throwable cause) {
        return ("{\"error\":\"" + escape(message(status, describe(reason, cause))) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Jetty's reason and its exceptions' messages: what tells a bad URL from a bad header. Never shown. */
    static String describe(@Nullable String reason, @Nullable Throwable cause) {
        StringBuilder b = new StringBuilder(reason == null ? "" : reason);
        int depth = 0;
        for (Throwable t = cause; t != null && depth < 5; t = t.getCause(), depth++) {
            b.append(' ').append(t.getMessage());
        }
        return b.toString();
    }

    static String message(int status, @Nullable String reason) {
        String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        switch (status) {
            case 400:
                if ((r.contains("content-length") || r.contains("content length")) && r.contains("transfer-encoding")) {
                    return "A request may have a Content-Length or a Transfer-Encoding header, not both";
                }
                if (r.contains("content-length") || r.contains("content length")) {
                    return "The Content-Length header is invalid or given more than once";
                }
                if (r.contains("transfer-encoding") || r.contains("chunk")) {
                    return "The Transfer-Encoding header or the chunked body is invalid";
                }
                if (r.contains("host") || r.contains("authority")) {
                    return "The Host header is missing or invalid";
                }
                if (r.contains("ambiguous") || r.contains("uri") || r.contains("path") || r.contains("encoding")
                        || r.contains("escape") || r.contains("utf") || r.contains("%") || r.contains("hex")
                        || r.contains("segment") || r.contains("separator")) {
                    return "The request URL is malformed or ambiguous (an invalid %-escape, an encoded '/', "
                            + "a NUL or a '..' segment); send the path plainly encoded";
                }
                if (r.contains("connect")) {
                    return "CONNECT is not supported: this is not a proxy";
                }
                if (r.contains("method")) {
                    return "The request method is not valid";
                }
                if (r.contains("header") || r.contains("field")) {
                    return "A request header is malformed";
                }
                if (r.contains("version")) {
                    return "The HTTP version is not supported; use HTTP/1.1";
                }
                return "The request is malformed and could not be read";
            case 403:
                return "Forbidden";
            case 404:
                return "Not found";
            case 405:
                return "Method not allowed";
            case 408:
                return "The request did not arrive in time; send it without long pauses";
            case 411:
                return "A Content-Length header is required";
            case 413:
                return "The request body is too large";
            case 414:
                return "The request URL is too long";
            case 415:
                return "Unsupported content type";
            case 417:
                return "Only 'Expect: 100-continue' is supported";
            case 426:
                return "Upgrade required";
            case 429:
                return "Too many requests; try again later";
            case 431:
                return "The request headers are too large";
            case 500:
                return "Internal server error";
            case 501:
                return r.contains("connect") ? "CONNECT is not supported: this is not a proxy"
                        : "The request method is not supported";
            case 503:
                return "The service is unavailable; try again later";
            case 505:
                return "The HTTP version is not supported; use HTTP/1.1";
            default:
                String phrase = HttpStatus.getMessage(status);
                return phrase == null || phrase.isBlank() || phrase.equals(Integer.toString(status))
                        ? "HTTP error " + status : phrase;
        }
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
