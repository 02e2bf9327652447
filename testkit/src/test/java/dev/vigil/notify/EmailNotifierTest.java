package dev.vigil.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real SMTP server (GreenMail) on 127.0.0.1. */
class EmailNotifierTest {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @Test
    void theEmailArrivesWithSubjectAndBothBodies() throws Exception {
        smtp.setUser("vigil", "pw");
        EmailNotifier n = EmailNotifier.builder().host("127.0.0.1").port(smtp.getSmtp().getPort())
                .credentials("vigil", "pw").from("vigil@example.com").to("oncall@example.com").to("boss@example.com")
                .build();
        n.deliver(WebhookNotifierTest.N);

        assertThat(smtp.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage m = smtp.getReceivedMessages()[0];
        assertThat(m.getSubject()).isEqualTo("[Vigil] DOWN: push monitor \"Daily <Backup> Job\" (id 5)");
        assertThat(m.getFrom()[0].toString()).isEqualTo("vigil@example.com");
        assertThat(m.getHeader("X-Vigil-Notification-Id")[0]).isEqualTo("n-42");
        assertThat(m.getMessageID()).isEqualTo("<n-42@vigil>");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(GreenMailUtil.getBody(parts.getBodyPart(0))).contains("Reason:  no push since");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("Daily &lt;Backup&gt; Job");
    }

    @Test
    void aChannelWithoutToDeliversToTheAddressesASubjectCarries() throws Exception {
        EmailNotifier n = EmailNotifier.builder().host("127.0.0.1").port(smtp.getSmtp().getPort())
                .from("vigil@example.com").build();
        n.deliver(new Notification("n-7", "smtp", "dev@example.com, ops@example.com", WebhookNotifierTest.DOWN, 1));
        assertThat(smtp.waitForIncomingEmail(5000, 2)).isTrue();
        assertThat(smtp.getReceivedMessages()).extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder("dev@example.com", "dev@example.com");
        assertThat(smtp.getReceivedMessages()[0].getAllRecipients()).extracting(Object::toString)
                .containsExactly("dev@example.com", "ops@example.com");
        assertThatThrownBy(() -> n.deliver(WebhookNotifierTest.N)).isInstanceOf(UndeliverableException.class)
                .hasMessageContaining("no 'to' addresses");
        assertThatThrownBy(() -> n.deliver(new Notification("n-8", "smtp", "not an address@@", WebhookNotifierTest.DOWN,
                1))).isInstanceOf(UndeliverableException.class).hasMessageContaining("invalid");
    }

    @Test
    void anUnreachableServerIsAFailureToRetry() {
        EmailNotifier n = EmailNotifier.builder().host("127.0.0.1").port(1).from("a@example.com").to("b@example.com")
                .timeout(java.time.Duration.ofSeconds(2)).build();
        assertThatThrownBy(() -> n.deliver(WebhookNotifierTest.N)).isInstanceOf(jakarta.mail.MessagingException.class);
    }

    @Test
    void badSettingsAreRejectedAtOnce() {
        assertThatThrownBy(() -> EmailNotifier.builder().from("not an address")).hasMessageContaining("from");
        assertThatThrownBy(() -> EmailNotifier.builder().port(70000)).hasMessageContaining("port");
        assertThatThrownBy(() -> EmailNotifier.builder().from("a@example.com").to("b@example.com").build())
                .hasMessageContaining("host");
    }
}
