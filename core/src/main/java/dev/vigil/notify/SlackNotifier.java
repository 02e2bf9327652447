package dev.vigil.notify;

import dev.vigil.model.Transition;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.notify.HttpPoster;
import dev.vigil.notify.NotificationText;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Posts to Slack ({@code text} plus {@code blocks}), in one of two ways: to an incoming webhook (which posts to its
 * own channel), or with a bot token to {@code chat.postMessage}, into the channel a subject names as its target
 * ({@code #ops}, {@code @user}) or the channel's default. Honours Slack's 429 {@code Retry-After}; with a bot token,
 * errors Slack reports in a 200 answer ({@code "ok": false}) fail the delivery, for good when retrying cannot help
 * ({@code channel_not_found}, {@code not_in_channel}, {@code invalid_auth}, ...).
 */
public final class SlackNotifier implements Notifier {
    /** Slack's Web API method a bot token posts with. */
    public static final String POST_MESSAGE_URL = "https://slack.com/api/chat.postMessage";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.Set<String> FOR_GOOD = java.util.Set.of("channel_not_found", "not_in_channel",
            "is_archived", "invalid_auth", "not_authed", "account_inactive", "token_revoked", "no_permission",
            "missing_scope", "restricted_action", "msg_too_long", "invalid_arguments");
    private final URI uri;
    private final HttpPoster poster;
    private final @org.jspecify.annotations.Nullable String token;
    private final @org.jspecify.annotations.Nullable String defaultChannel;

    private SlackNotifier(URI uri, OutboundPolicy policy, Duration timeout,
            @org.jspecify.annotations.Nullable String token, @org.jspecify.annotations.Nullable String channel) {
        this.uri = uri;
        this.poster = new HttpPoster(policy, timeout);
        this.token = token;
        this.defaultChannel = channel;
    }

    public static SlackNotifier create(String webhookUrl, OutboundPolicy policy) {
        return new SlackNotifier(OutboundPolicy.checkSyntax(webhookUrl), policy, Duration.ofSeconds(10), null, null);
    }

    /**
     * A bot-token Slack channel: posts with {@code Authorization: Bearer <token>} to {@code apiUrl} (normally
     * {@link #POST_MESSAGE_URL}) into the target's channel, or {@code defaultChannel} (may be null) when the
     * notification names none.
     */
    public static SlackNotifier bot(String token, String apiUrl, @org.jspecify.annotations.Nullable String defaultChannel,
            OutboundPolicy policy) {
        if (token == null || token.isBlank() || !dev.vigil.model.Text.isPrintable(token) || token.contains(" ")) {
            throw new IllegalArgumentException("token must be a Slack bot token (xoxb-...) without spaces");
        }
        return new SlackNotifier(OutboundPolicy.checkSyntax(apiUrl), policy, Duration.ofSeconds(10), token.trim(),
                defaultChannel == null || defaultChannel.isBlank() ? null : defaultChannel.trim());
    }

    @Override
    public void deliver(Notification n) throws Exception {
        if (token == null) {
            poster.post(uri, body(n.transition()), Map.of(WebhookNotifier.IDEMPOTENCY_HEADER, n.id()));
            return;
        }
        String channel = n.address() != null ? n.address() : defaultChannel;
        if (channel == null) {
            throw new UndeliverableException("this Slack channel has no default channel and the notification names"
                    + " none");
        }
        ObjectNode o = (ObjectNode) JSON.readTree(body(n.transition()));
        o.put("channel", channel);
        String answer = poster.postForBody(uri, JSON.writeValueAsBytes(o), Map.of("Authorization",
                "Bearer " + token,
                WebhookNotifier.IDEMPOTENCY_HEADER, n.id()));
        com.fasterxml.jackson.databind.JsonNode res;
        try {
            res = JSON.readTree(answer);
        } catch (java.io.IOException e) {
            throw new java.io.IOException("Slack answered with something that is not JSON");
        }
        if (res == null || !res.path("ok").asBoolean(false)) {
            String error = res == null ? "no answer" : res.path("error").asText("unknown error");
            String message = "Slack refused the message for " + channel + ": " + dev.vigil.model.Text.forLog(error);
            if (FOR_GOOD.contains(error)) {
                throw new UndeliverableException(message);
            }
            throw new java.io.IOException(message);
        }
    }

    static byte[] body(Transition t) {
        String emoji = NotificationText.emoji(t.severity());
        String headline = emoji + " *" + mrkdwn(NotificationText.headline(t)) + "*";
        ObjectNode o = JSON.createObjectNode();
        o.put("text", NotificationText.headline(t) + ": " + t.reason());
        ArrayNode blocks = o.putArray("blocks");
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        ObjectNode text = section.putObject("text");
        text.put("type", "mrkdwn");
        text.put("text", headline + "\n" + mrkdwn(t.reason()));
        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        ObjectNode el = context.putArray("elements").addObject();
        el.put("type", "mrkdwn");
        el.put("text", t.from() + " \u2192 " + t.to() + " at " + t.at() + " \u00b7 " + NotificationText.link(t));
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Slack's mrkdwn needs only these three escaped. */
    private static String mrkdwn(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String toString() {
        return "SlackNotifier[" + (token == null ? "webhook " : "bot ") + uri.getHost() + "]";
    }
}
