package dev.vigil.notify;

import dev.vigil.model.Transition;

import dev.vigil.notify.NotificationText;
import dev.vigil.model.Text;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Sends each notification as an email (plain text and HTML alternatives) over SMTP with Jakarta Mail. Needs
 * {@code org.eclipse.angus:angus-mail} on the classpath (an optional dependency of vigil-core). The notification id is
 * sent as the {@code Message-ID} local part, so a redelivery is recognisable.
 */
public final class EmailNotifier implements Notifier {
    private final Session session;
    private final InternetAddress from;
    private final InternetAddress[] to;

    private EmailNotifier(Builder b) {
        Properties p = new Properties();
        p.put("mail.smtp.host", b.host);
        p.put("mail.smtp.port", Integer.toString(b.port));
        String timeout = Long.toString(b.timeout.toMillis());
        p.put("mail.smtp.connectiontimeout", timeout);
        p.put("mail.smtp.timeout", timeout);
        p.put("mail.smtp.writetimeout", timeout);
        if (b.startTls) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (b.ssl) {
            p.put("mail.smtp.ssl.enable", "true");
        }
        Authenticator auth = null;
        if (b.username != null) {
            p.put("mail.smtp.auth", "true");
            String user = b.username;
            String password = b.password == null ? "" : b.password;
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password);
                }
            };
        }
        this.session = Session.getInstance(p, auth);
        this.from = b.from;
        this.to = b.to.toArray(new InternetAddress[0]);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void deliver(Notification n) throws MessagingException, UndeliverableException {
        Transition t = n.transition();
        MimeMessage msg = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + n.id() + "@vigil>");
            }
        };
        msg.setFrom(from);
        if (n.address() == null && to.length == 0) {
            throw new UndeliverableException("this email channel has no 'to' addresses; it delivers only to subjects'"
                    + " own e-mail targets");
        }
        msg.setRecipients(Message.RecipientType.TO, n.address() != null ? recipients(n.address()) : to);
        msg.setSubject("[Vigil] " + Text.forLog(NotificationText.headline(t)), StandardCharsets.UTF_8.name());
        msg.setSentDate(Date.from(t.at()));
        msg.setHeader("X-Vigil-Notification-Id", n.id());
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(NotificationText.plain(t), StandardCharsets.UTF_8.name());
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(NotificationText.html(t), "text/html; charset=UTF-8");
        MimeMultipart alt = new MimeMultipart("alternative", plain, html);
        msg.setContent(alt);
        Transport.send(msg);
    }

    /** The addresses a subject carries as its own target, separated by commas. */
    private static InternetAddress[] recipients(String addresses) throws UndeliverableException {
        try {
            InternetAddress[] parsed = InternetAddress.parse(addresses, true);
            if (parsed.length == 0) {
                throw new UndeliverableException("the target lists no e-mail address");
            }
            return parsed;
        } catch (jakarta.mail.internet.AddressException e) {
            throw new UndeliverableException("target e-mail address is invalid: " + Text.forLog(e.getMessage()));
        }
    }

    @Override
    public String toString() {
        return "EmailNotifier[" + session.getProperty("mail.smtp.host") + "]";
    }

    /**
     * Validates as it goes; host and from are required. Without {@code to} the channel delivers only to the
     * addresses subjects carry as their own targets.
     */
    public static final class Builder {
        private @Nullable String host;
        private int port = 587;
        private @Nullable String username;
        private @Nullable String password;
        private @Nullable InternetAddress from;
        private final List<InternetAddress> to = new ArrayList<>();
        private boolean startTls;
        private boolean ssl;
        private Duration timeout = Duration.ofSeconds(10);

        private Builder() {
        }

        public Builder host(String host) {
            if (host.isBlank() || !Text.isPrintable(host)) {
                throw new IllegalArgumentException("SMTP host must be non-blank");
            }
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("SMTP port must be between 1 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder credentials(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        public Builder from(String address) {
            this.from = address(address, "from");
            return this;
        }

        public Builder to(String address) {
            to.add(address(address, "to"));
            return this;
        }

        public Builder startTls(boolean required) {
            this.startTls = required;
            return this;
        }

        public Builder ssl(boolean ssl) {
            this.ssl = ssl;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = HttpPoster.checkTimeout(timeout);
            return this;
        }

        private static InternetAddress address(String address, String field) {
            try {
                InternetAddress a = new InternetAddress(address.trim(), true);
                a.validate();
                return a;
            } catch (AddressException e) {
                throw new IllegalArgumentException(field + ": '" + Text.forLog(address) + "' is not a valid email address");
            }
        }

        public EmailNotifier build() {
            if (host == null) {
                throw new IllegalArgumentException("SMTP host is required");
            }
            if (from == null) {
                throw new IllegalArgumentException("from address is required");
            }
            return new EmailNotifier(this);
        }
    }
}
