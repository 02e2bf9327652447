package dev.vigil.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.notify.Notification;
import dev.vigil.model.Transition;
import java.nio.charset.StandardCharsets;
import dev.vigil.model.Severity;

/** How notifications read: the webhook JSON payload, and the human text used by Slack and email. */
public final class NotificationText {
    /** The transition label that carries the subject's link (set from its kind when it is delivered). */
    public static final String LINK_LABEL = "link";
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotificationText() {
    }

    /** The webhook payload; {@code id} equals the Idempotency-Key header. */
    public static byte[] webhookJson(Notification n) {
        Transition t = n.transition();
        ObjectNode o = JSON.createObjectNode();
        o.put("id", n.id());
        o.put("kind", t.kind());
        putSubjectId(o, t);
        o.put("subject_key", t.key());
        o.put("subject_name", t.subjectName());
        if (!t.aspect().isEmpty()) {
            o.put("aspect", t.aspect());
        }
        o.put("type", t.type().wireName());
        o.put("from", t.from());
        o.put("to", t.to());
        o.put("severity", t.severity().wireName());
        o.put("at", t.at().toString());
        o.put("reason", t.reason());
        o.put("link", link(t));
        ObjectNode labels = o.putObject("labels");
        new java.util.TreeMap<>(t.allLabels()).forEach(labels::put);
        o.put("transition_id", t.id());
        o.put("channel", n.channel());
        o.put("attempt", n.attempt());
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The numeric id when the key is one (a push monitor's), else the key: webhook receivers of seed 002 read a number. */
    public static void putSubjectId(ObjectNode o, Transition t) {
        try {
            o.put("subject_id", Long.parseLong(t.key()));
        } catch (NumberFormatException e) {
            o.put("subject_id", t.key());
        }
    }

    /** Where the subject can be looked at, from its kind (see {@link #LINK_LABEL}). */
    public static String link(Transition t) {
        return t.labels().getOrDefault(LINK_LABEL, "/");
    }

    /** One line such as {@code DOWN: push monitor "Daily Backup Job" (id 5)}, or with the aspect {@code storage}. */
    public static String headline(Transition t) {
        String what = t.aspect().isEmpty() ? t.to() : t.aspect() + " " + t.to();
        return what + ": " + t.kind().replace('_', ' ') + " \"" + t.subjectName() + "\" (id " + t.key() + ")";
    }

    /** The colour of a severity in HTML and Slack attachments. */
    public static String colour(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "#b00020";
            case WARNING -> "#b26a00";
            case RESOLVED -> "#1b7f3b";
            case INFO -> "#1f5fa8";
        };
    }

    /** The Slack emoji of a severity. */
    public static String emoji(Severity severity) {
        return switch (severity) {
            case CRITICAL -> ":red_circle:";
            case WARNING -> ":large_orange_circle:";
            case RESOLVED -> ":large_green_circle:";
            case INFO -> ":large_blue_circle:";
        };
    }

    /** Plain-text body: headline, change, time, reason, link. */
    public static String plain(Transition t) {
        return headline(t) + "\n\n"
                + "Changed: " + t.from() + " -> " + t.to() + " (" + t.severity().wireName() + ")\n"
                + "At:      " + t.at() + "\n"
                + "Reason:  " + t.reason() + "\n"
                + "Link:    " + link(t) + "\n";
    }

    /** HTML body with every user-supplied value escaped. */
    public static String html(Transition t) {
        String colour = colour(t.severity());
        return "<html><body>"
                + "<h2 style=\"color:" + colour + "\">" + escape(headline(t)) + "</h2>"
                + "<table>"
                + "<tr><td>Changed</td><td>" + escape(t.from()) + " &rarr; " + escape(t.to()) + "</td></tr>"
                + "<tr><td>At</td><td>" + escape(t.at().toString()) + "</td></tr>"
                + "<tr><td>Reason</td><td>" + escape(t.reason()) + "</td></tr>"
                + "<tr><td>Link</td><td>" + escape(link(t)) + "</td></tr>"
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
