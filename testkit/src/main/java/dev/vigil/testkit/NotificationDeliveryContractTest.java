package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.notify.WebhookNotifier;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications through the durable outbox to a real HTTP receiver (configured as a webhook channel in YAML), on the
 * store under test: retries, idempotency keys, a receiver that is down for a while, the SSRF guard.
 */
public abstract class NotificationDeliveryContractTest extends StoreContract {
    protected ManualClock clock;
    protected HttpReceiver receiver;
    @TempDir
    Path dir;

    @BeforeEach
    void startReceiver() throws Exception {
        clock = ManualClock.at("2025-01-15T12:00:00Z");
        receiver = new HttpReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private Vigil vigil(boolean allowPrivate) throws Exception {
        Path config = dir.resolve("vigil.yaml");
        Files.writeString(config, String.join("\n",
                "outbound:",
                "  allow_private_targets: " + allowPrivate,
                "channels:",
                "  ops_hook:",
                "    type: webhook",
                "    url: " + receiver.url("/hook"),
                "    secret: ${HOOK_SECRET}",
                "monitors:",
                "  - name: backup",
                "    config: {expected_interval: 60}",
                "    notifications: [ops_hook]",
                ""));
        return Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).notifier(n -> { })
                .environment(Map.of("HOOK_SECRET", "a-very-secret-signing-key")).config(config)
                .deliveryRetries(4, Duration.ofSeconds(10), Duration.ofMinutes(5)).build();
    }

    private static CreatedMonitor backup(Vigil vigil) {
        var applied = vigil.configResult().orElseThrow().monitors().get(0);
        return new CreatedMonitor(vigil.monitors().get(applied.id()).orElseThrow(), applied.generatedSecret());
    }

    private List<OutboxEntry> hookEntries(Vigil vigil, OutboxStatus status) {
        return vigil.notifications().list(status, 100).stream().filter(e -> e.channel().equals("ops_hook")).toList();
    }

    @Test
    void aFailingReceiverGetsTheSameKeyUntilItSucceeds() throws Exception {
        try (Vigil vigil = vigil(true)) {
            CreatedMonitor m = backup(vigil);
            receiver.answer(HttpReceiver.Answer.of(500));
            vigil.monitors().push(m.id(), m.secret(), Payload.status("error", "disk full"));
            vigil.tick();
            assertThat(hookEntries(vigil, OutboxStatus.PENDING)).singleElement().satisfies(e -> {
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.lastError()).contains("HTTP 500");
            });
            clock.advance(Duration.ofMinutes(1));
            vigil.tick();

            assertThat(receiver.requests()).hasSize(2);
            assertThat(receiver.requests()).extracting(r -> r.header("Idempotency-Key")).doesNotContainNull()
                    .containsOnly(receiver.requests().get(0).header("Idempotency-Key"));
            HttpReceiver.Request last = receiver.requests().get(1);
            assertThat(last.header(WebhookNotifier.SIGNATURE_HEADER)).isEqualTo("sha256="
                    + WebhookNotifier.sign("a-very-secret-signing-key", last.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(last.body()).contains("\"to\":\"DOWN\"").contains("disk full");
            // the subject's link follows from its kind and key: delivered, in the payload and its labels, not stored
            String link = "\"link\":\"/api/v1/monitors/" + m.id() + "\"";
            assertThat(last.body().split(java.util.regex.Pattern.quote(link), -1)).hasSize(3);
            assertThat(vigil.monitors().history(m.id(), 10)).allSatisfy(t -> assertThat(t.labels())
                    .doesNotContainKey("link").containsEntry("id", Long.toString(m.id())));
            assertThat(hookEntries(vigil, OutboxStatus.DELIVERED)).singleElement()
                    .satisfies(e -> assertThat(e.attempts()).isEqualTo(2));
            clock.advance(Duration.ofHours(1));
            vigil.tick();
            assertThat(receiver.requests()).hasSize(2);
        }
    }

    @Test
    void aReceiverThatIsDownForMinutesGetsEverythingOnceItIsBack() throws Exception {
        try (Vigil vigil = vigil(true)) {
            CreatedMonitor m = backup(vigil);
            receiver.stop();
            vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
            clock.advance(Duration.ofMinutes(2));
            vigil.tick(); // DOWN; delivery fails
            vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY); // UP again
            vigil.tick(); // fails too
            assertThat(hookEntries(vigil, OutboxStatus.PENDING)).hasSize(2);
            clock.advance(Duration.ofSeconds(15));
            vigil.tick();
            receiver.restart();
            clock.advance(Duration.ofSeconds(30)); // past both backoffs, not past the next deadline
            vigil.tick();
            assertThat(receiver.requests()).extracting(r -> r.body().contains("\"to\":\"DOWN\"") ? "DOWN" : "UP")
                    .containsExactlyInAnyOrder("DOWN", "UP");
            assertThat(hookEntries(vigil, OutboxStatus.DELIVERED)).hasSize(2);
            assertThat(hookEntries(vigil, OutboxStatus.PENDING)).isEmpty();
        }
    }

    @Test
    void privateTargetsAreRefusedByDefaultAndEndAsFailedAfterTheLastAttempt() throws Exception {
        try (Vigil vigil = vigil(false)) {
            CreatedMonitor m = backup(vigil);
            vigil.monitors().push(m.id(), m.secret(), Payload.status("fail"));
            for (int i = 0; i < 4; i++) {
                vigil.tick();
                clock.advance(Duration.ofMinutes(10));
            }
            assertThat(receiver.requests()).isEmpty();
            assertThat(hookEntries(vigil, OutboxStatus.FAILED)).singleElement().satisfies(e -> {
                assertThat(e.attempts()).isEqualTo(4);
                assertThat(e.lastError()).contains("refused").contains("127.0.0.1");
            });
            // an operator can re-queue it once the cause is fixed
            assertThat(vigil.notifications().retry(hookEntries(vigil, OutboxStatus.FAILED).get(0).id()))
                    .isTrue();
            assertThat(hookEntries(vigil, OutboxStatus.PENDING)).hasSize(1);
        }
    }
}
