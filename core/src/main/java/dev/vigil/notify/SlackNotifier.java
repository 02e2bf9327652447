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
 * Posts to a Slack incoming webhook ({@code text} plus {@code blocks}). Honours Slack's 429 {@code Retry-After}.
 */
public final class SlackNotifier implements Notifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI uri;
    private final HttpPoster poster;

    private SlackNotifier(URI uri, OutboundPolicy policy, Duration timeout) {
        this.uri = uri;
        this.poster = new HttpPoster(policy, timeout);
    }

    public static SlackNotifier create(String webhookUrl, OutboundPolicy policy) {
        return new SlackNotifier(OutboundPolicy.checkSyntax(webhookUrl), policy, Duration.ofSeconds(10));
    }

    @Override
    public void deliver(Notification n) throws Exception {
        poster.post(uri, body(n.transition()), Map.of(WebhookNotifier.IDEMPOTENCY_HEADER, n.id()));
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
        return "SlackNotifier[" + uri.getHost() + "]";
    }
}
