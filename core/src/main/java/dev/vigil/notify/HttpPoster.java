package dev.vigil.notify;

import dev.vigil.model.Text;
import dev.vigil.notify.OutboundPolicy;
import dev.vigil.notify.RetryLaterException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * POSTs JSON for the webhook and Slack channels: SSRF check before every attempt, no redirects, timeouts, and
 * {@code Retry-After} honoured on 429/503.
 */
public final class HttpPoster {
    private static final int MAX_ERROR_BODY = 200;
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final HttpClient client;
    private final OutboundPolicy policy;
    private final Duration timeout;

    /** Validates a network timeout: between 100 ms and 5 minutes. */
    static Duration checkTimeout(Duration timeout) {
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("timeout must be between 100ms and 5min, got " + timeout);
        }
        return timeout;
    }

    public HttpPoster(OutboundPolicy policy, Duration timeout) {
        this.policy = policy;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout)
                .build();
    }

    public void post(URI uri, byte[] body, Map<String, String> headers) throws IOException, InterruptedException,
            RetryLaterException {
        postForBody(uri, body, headers);
    }

    /** {@link #post}, returning the body of a 2xx answer (an API such as Slack's reports errors in it). */
    public String postForBody(URI uri, byte[] body, Map<String, String> headers) throws IOException,
            InterruptedException, RetryLaterException {
        policy.check(uri);
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Vigil")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(req::header);
        HttpResponse<String> res = client.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int code = res.statusCode();
        if (code >= 200 && code < 300) {
            return res.body() == null ? "" : res.body();
        }
        String snippet = Text.forLog(res.body() == null ? "" : res.body());
        if (snippet.length() > MAX_ERROR_BODY) {
            snippet = snippet.substring(0, MAX_ERROR_BODY) + "...";
        }
        if (code == 429 || code == 503) {
            Optional<Duration> after = res.headers().firstValue("Retry-After").flatMap(HttpPoster::parseRetryAfter);
            if (after.isPresent()) {
                throw new RetryLaterException("HTTP " + code + " (retry after " + after.get().toSeconds() + "s)",
                        after.get());
            }
        }
        if (code >= 300 && code < 400) {
            throw new IOException("HTTP " + code + ": redirects are not followed (location "
                    + Text.forLog(res.headers().firstValue("Location").orElse("none")) + ")");
        }
        throw new IOException("HTTP " + code + (snippet.isEmpty() ? "" : ": " + snippet));
    }

    static Optional<Duration> parseRetryAfter(String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds < 0) {
                return Optional.empty();
            }
            Duration d = Duration.ofSeconds(seconds);
            return Optional.of(d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
        } catch (NumberFormatException e) {
            return Optional.empty(); // HTTP-date form: fall back to our own backoff
        }
    }
}
