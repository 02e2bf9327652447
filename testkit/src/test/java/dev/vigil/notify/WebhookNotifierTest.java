package dev.vigil.notify;

import dev.vigil.model.Transition;
import dev.vigil.model.Decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.Severity;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.TransitionType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import dev.vigil.testkit.HttpReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {
    static final Transition DOWN = new Transition("t-1", new SubjectRef("push_monitor", "5"), "Daily <Backup> Job", "",
            TransitionType.CHANGE, "UP", "DOWN", Severity.CRITICAL, Instant.parse("2025-01-16T13:01:00Z"),
            "no push since 2025-01-15T12:00:00Z; expected by 2025-01-16T13:00:00Z",
            Map.of("kind", "push_monitor", "key", "5", "link", "/api/v1/monitors/5"), Decision.SENT, "ops");
    static final Notification N = new Notification("n-42", "ops", DOWN, 1);

    private final HttpReceiver receiver = new HttpReceiver();

    WebhookNotifierTest() throws IOException {
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private WebhookNotifier.Builder hook() {
        return WebhookNotifier.builder(receiver.url("/hook")).policy(OutboundPolicy.allowingPrivateTargets());
    }

    @Test
    void postsThePayloadWithIdempotencyKeyAndSignature() throws Exception {
        String secret = "0123456789abcdef-secret";
        hook().secret(secret).header("X-Team", "sre").build().deliver(N);

        HttpReceiver.Request r = receiver.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/hook");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("Idempotency-Key")).isEqualTo("n-42");
        assertThat(r.header("X-Team")).isEqualTo("sre");
        assertThat(r.header("X-Vigil-Signature-256"))
                .isEqualTo("sha256=" + WebhookNotifier.sign(secret, r.body().getBytes(StandardCharsets.UTF_8)));
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertThat(body.get("id").asText()).isEqualTo("n-42");
        assertThat(body.get("kind").asText()).isEqualTo("push_monitor");
        assertThat(body.get("subject_id").asLong()).isEqualTo(5);
        assertThat(body.get("subject_name").asText()).isEqualTo("Daily <Backup> Job");
        assertThat(body.get("from").asText()).isEqualTo("UP");
        assertThat(body.get("to").asText()).isEqualTo("DOWN");
        assertThat(body.get("at").asText()).isEqualTo("2025-01-16T13:01:00Z");
        assertThat(body.get("reason").asText()).startsWith("no push since");
        assertThat(body.get("link").asText()).isEqualTo("/api/v1/monitors/5");
        assertThat(body.get("subject_key").asText()).isEqualTo("5");
        assertThat(body.get("severity").asText()).isEqualTo("critical");
        assertThat(body.get("type").asText()).isEqualTo("change");
    }

    @Test
    void aSubjectCarriedAddressIsWhereTheNotificationGoesThroughTheSameGuard() throws Exception {
        WebhookNotifier forAddresses = WebhookNotifier.forAddresses().policy(OutboundPolicy.allowingPrivateTargets())
                .build();
        forAddresses.deliver(new Notification("n-1", "webhook", receiver.url("/own"), DOWN, 1));
        assertThat(receiver.requests()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/own"));

        WebhookNotifier guarded = WebhookNotifier.forAddresses().build();
        assertThatThrownBy(() -> guarded.deliver(new Notification("n-2", "webhook", receiver.url("/own"), DOWN, 1)))
                .isInstanceOf(IOException.class).hasMessageContaining("refused");
        assertThatThrownBy(() -> guarded.deliver(new Notification("n-3", "webhook", "http://[::ffff:127.0.0.1]/x",
                DOWN, 1))).isInstanceOf(IOException.class).hasMessageContaining("refused");
        assertThatThrownBy(() -> guarded.deliver(new Notification("n-4", "webhook", "not a url", DOWN, 1)))
                .isInstanceOf(UndeliverableException.class).hasMessageContaining("invalid");
        assertThatThrownBy(() -> guarded.deliver(N)).isInstanceOf(UndeliverableException.class)
                .hasMessageContaining("no url");
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void nonSuccessAnswersAreFailures() {
        receiver.answer(HttpReceiver.Answer.of(500), new HttpReceiver.Answer(302, Map.of("Location", "http://example.com/"), ""));
        WebhookNotifier n = hook().build();
        assertThatThrownBy(() -> n.deliver(N)).isInstanceOf(IOException.class).hasMessageContaining("HTTP 500");
        assertThatThrownBy(() -> n.deliver(N)).isInstanceOf(IOException.class)
                .hasMessageContaining("redirects are not followed");
        assertThat(receiver.requests()).hasSize(2); // the redirect target was never contacted
    }

    @Test
    void retryAfterIsPassedOn() {
        receiver.answer(new HttpReceiver.Answer(429, Map.of("Retry-After", "120"), "slow down"));
        assertThatThrownBy(() -> hook().build().deliver(N)).isInstanceOfSatisfying(RetryLaterException.class,
                e -> assertThat(e.after()).isEqualTo(Duration.ofSeconds(120)));
    }

    @Test
    void loopbackIsRefusedUnlessAllowed() {
        WebhookNotifier guarded = WebhookNotifier.builder(receiver.url("/hook")).build();
        assertThatThrownBy(() -> guarded.deliver(N)).isInstanceOf(IOException.class)
                .hasMessageContaining("127.0.0.1").hasMessageContaining("allow_private_targets");
        WebhookNotifier byName = WebhookNotifier.builder("http://localhost:" + receiver.port() + "/x").build();
        assertThatThrownBy(() -> byName.deliver(N)).hasMessageContaining("refused");
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void badSettingsAreRejectedAtOnce() {
        assertThatThrownBy(() -> WebhookNotifier.builder("ftp://example.com/")).hasMessageContaining("http://");
        assertThatThrownBy(() -> WebhookNotifier.builder("http:///nohost")).hasMessageContaining("host");
        assertThatThrownBy(() -> WebhookNotifier.builder("https://user:pw@example.com/"))
                .hasMessageContaining("credentials");
        assertThatThrownBy(() -> WebhookNotifier.builder("not a url")).hasMessageContaining("not a valid URL");
        assertThatThrownBy(() -> hook().secret("short")).hasMessageContaining("16");
        assertThatThrownBy(() -> hook().header("Idempotency-Key", "x")).hasMessageContaining("cannot be set");
        assertThatThrownBy(() -> hook().header("X-Evil", "a\r\nInjected: yes")).hasMessageContaining("cannot be set");
        assertThatThrownBy(() -> hook().timeout(Duration.ZERO)).hasMessageContaining("timeout");
    }

    @Test
    void slackGetsTextAndBlocksAndHonoursRetryAfter() throws Exception {
        SlackNotifier slack = SlackNotifier.create(receiver.url("/services/T/B/X"), OutboundPolicy.allowingPrivateTargets());
        slack.deliver(N);
        JsonNode body = new ObjectMapper().readTree(receiver.requests().get(0).body());
        assertThat(body.get("text").asText()).startsWith("DOWN: push monitor \"Daily <Backup> Job\" (id 5)");
        assertThat(body.get("blocks").get(0).get("text").get("text").asText()).startsWith(":red_circle:");
        assertThat(body.get("blocks").get(0).get("text").get("text").asText()).contains("Daily &lt;Backup&gt; Job");
        receiver.answer(new HttpReceiver.Answer(429, Map.of("Retry-After", "30"), "rate_limited"));
        assertThatThrownBy(() -> slack.deliver(N)).isInstanceOfSatisfying(RetryLaterException.class,
                e -> assertThat(e.after()).isEqualTo(Duration.ofSeconds(30)));
    }
}
