package dev.vigil.notify;

import dev.vigil.model.Text;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * POSTs each notification as JSON to its URL, or to the address a subject carries as its own target (a webhook URL,
 * checked by the same outbound policy), as JSON ({@code id, kind, subject_id, subject_name, from, to, at, reason, link, ...}) with
 * an {@code Idempotency-Key} header equal to the payload's {@code id} (the same on every retry) and, when a secret is
 * set, {@code X-Vigil-Signature-256: sha256=<hex HMAC-SHA256 of the body>}. Any non-2xx answer is a failure and is
 * retried; redirects are not followed.
 */
public final class WebhookNotifier implements Notifier {
    public static final String SIGNATURE_HEADER = "X-Vigil-Signature-256";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final @Nullable URI uri;
    private final @Nullable SecretKeySpec key;
    private final Map<String, String> headers;
    private final HttpPoster poster;

    private WebhookNotifier(Builder b) {
        this.uri = b.uri;
        this.key = b.secret == null ? null : new SecretKeySpec(b.secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.headers = Map.copyOf(b.headers);
        this.poster = new HttpPoster(b.policy, b.timeout);
    }

    public static Builder builder(String url) {
        return new Builder(OutboundPolicy.checkSyntax(url));
    }

    /** A webhook channel without a URL of its own: it delivers only to the URLs subjects carry as targets. */
    public static Builder forAddresses() {
        return new Builder(null);
    }

    @Override
    public void deliver(Notification n) throws Exception {
        byte[] body = NotificationText.webhookJson(n);
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(IDEMPOTENCY_HEADER, n.id());
        if (key != null) {
            h.put(SIGNATURE_HEADER, "sha256=" + sign(key, body));
        }
        URI target = n.address() != null ? addressed(n.address()) : uri;
        if (target == null) {
            throw new UndeliverableException("this webhook channel has no url; it delivers only to subjects' own"
                    + " webhook targets");
        }
        poster.post(target, body, h);
    }

    private static URI addressed(String address) throws UndeliverableException {
        try {
            return OutboundPolicy.checkSyntax(address);
        } catch (IllegalArgumentException e) {
            throw new UndeliverableException("target url is invalid: " + e.getMessage());
        }
    }

    /** The hex HMAC-SHA256 a receiver recomputes to verify {@link #SIGNATURE_HEADER}. */
    public static String sign(String secret, byte[] body) {
        return sign(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), body);
    }

    private static String sign(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }

    @Override
    public String toString() {
        return uri == null ? "WebhookNotifier[addresses]" : "WebhookNotifier[" + uri.getScheme() + "://" + uri.getHost()
                + "]";
    }

    /** Validates as it goes. */
    public static final class Builder {
        private static final java.util.Set<String> RESERVED = java.util.Set.of("content-type", "content-length",
                "host", "idempotency-key", SIGNATURE_HEADER.toLowerCase(Locale.ROOT));
        private final @Nullable URI uri;
        private @Nullable String secret;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration timeout = Duration.ofSeconds(10);
        private OutboundPolicy policy = OutboundPolicy.publicOnly();

        private Builder(@Nullable URI uri) {
            this.uri = uri;
        }

        /** Signs every body with HMAC-SHA256 under this secret (at least 16 characters). */
        public Builder secret(String secret) {
            if (secret.length() < 16) {
                throw new IllegalArgumentException("webhook secret must be at least 16 characters");
            }
            this.secret = secret;
            return this;
        }

        public Builder header(String name, String value) {
            if (name.isBlank() || RESERVED.contains(name.toLowerCase(Locale.ROOT))
                    || !Text.isPrintable(name + value)) {
                throw new IllegalArgumentException("header '" + Text.forLog(name)
                        + "' cannot be set (reserved, blank or containing control characters)");
            }
            headers.put(name, value);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = HttpPoster.checkTimeout(timeout);
            return this;
        }

        public Builder policy(OutboundPolicy policy) {
            this.policy = policy;
            return this;
        }

        public WebhookNotifier build() {
            return new WebhookNotifier(this);
        }
    }
}
