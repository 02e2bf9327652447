package dev.vigil.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.notify.Notification;
import dev.vigil.notify.Transition;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** How notifications read: the webhook JSON payload, and the human text used by Slack and email. */
public final class NotificationText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotificationText() {
    }

    /** The webhook payload; {@code id} equals the Idempotency-Key header. */
    public static byte[] webhookJson(Notification n) {
        Transition t = n.transition();
        ObjectNode o = JSON.createObjectNode();
        o.put("id", n.id());
        o.put("kind", t.kind().wireName());
        o.put("subject_id", t.subjectId());
        o.put("subject_name", t.subjectName());
        o.put("from", t.from().name());
        o.put("to", t.to().name());
        o.put("at", t.at().toString());
        o.put("reason", t.reason());
        o.put("link", t.kind().linkPath(t.subjectId()));
        o.put("transition_id", t.id());
        o.put("channel", n.channel());
        o.put("attempt", n.attempt());
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One line such as {@code DOWN: push monitor "Daily Backup Job" (id 5)}. */
    public static String headline(Transition t) {
        return t.to().name() + ": " + t.kind().wireName().replace('_', ' ') + " \"" + t.subjectName() + "\" (id "
                + t.subjectId() + ")";
    }

    /** Plain-text body: headline, change, time, reason, link. */
    public static String plain(Transition t) {
        return headline(t) + "\n\n"
                + "Changed: " + t.from().name() + " -> " + t.to().name() + "\n"
                + "At:      " + t.at() + "\n"
                + "Reason:  " + t.reason() + "\n"
                + "Link:    " + t.kind().linkPath(t.subjectId()) + "\n";
    }

    /** HTML body with every user-supplied value escaped. */
    public static String html(Transition t) {
        String colour = t.to().name().toUpperCase(Locale.ROOT).equals("DOWN") ? "#b00020" : "#1b7f3b";
        return "<html><body>"
                + "<h2 style=\"color:" + colour + "\">" + escape(headline(t)) + "</h2>"
                + "<table>"
                + "<tr><td>Changed</td><td>" + escape(t.from().name()) + " &rarr; " + escape(t.to().name()) + "</td></tr>"
                + "<tr><td>At</td><td>" + escape(t.at().toString()) + "</td></tr>"
                + "<tr><td>Reason</td><td>" + escape(t.reason()) + "</td></tr>"
                + "<tr><td>Link</td><td>" + escape(t.kind().linkPath(t.subjectId())) + "</td></tr>"
                + "</table></body></html>";
    }

    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
