package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.model.Transition;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.notify.Notification;
import dev.vigil.notify.WebhookNotifier;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStatus;
import dev.vigil.spi.VigilStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery under load, on the store under test: deliveries run concurrently with a bound per destination, so a slow
 * endpoint delays only its own notifications; one subject's notifications reach a destination in order; an entry is
 * marked delivered when the receiver answered; and two instances sharing the database, with a receiver slower than
 * the claim lease, deliver each notification exactly once (leases are renewed while a delivery is under way).
 */
public abstract class ConcurrentDeliveryContractTest extends StoreContract {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    Path dir;

    /**
     * Another store on the same database, as a second instance opens it. The default, the same store object, is
     * right for an in-memory store shared by two instances in one JVM.
     */
    protected VigilStore sameDatabase() {
        return store;
    }

    private static List<CreatedMonitor> failing(Vigil vigil, int n, String... channels) {
        List<CreatedMonitor> monitors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("job-" + i)
                    .expectedInterval(Duration.ofHours(1)).notify(channels));
            monitors.add(m);
            vigil.monitors().push(m.id(), m.secret(), Payload.status("error", "run " + i + " failed"));
        }
        return monitors;
    }

    @Test
    void aSlowDestinationDelaysOnlyItsOwnNotifications() throws Exception {
        ManualClock clock = ManualClock.at("2025-03-01T08:00:00Z");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch slowBusy = new CountDownLatch(2);
        AtomicInteger slowInFlight = new AtomicInteger();
        AtomicInteger slowMaxInFlight = new AtomicInteger();
        List<Notification> slowDone = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch fastDone = new CountDownLatch(6);
        try (Vigil vigil = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).notifier(n -> { })
                .deliveryConcurrency(8, 2)
                .channel("slow", n -> {
                    slowMaxInFlight.accumulateAndGet(slowInFlight.incrementAndGet(), Math::max);
                    slowBusy.countDown();
                    try {
                        assertThat(release.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                        slowDone.add(n);
                    } finally {
                        slowInFlight.decrementAndGet();
                    }
                })
                .channel("fast", n -> fastDone.countDown())
                .build()) {
            failing(vigil, 6, "slow", "fast");
            CompletableFuture<Integer> tick = CompletableFuture.supplyAsync(() -> vigil.tick().delivered());

            // every fast notification arrives while the slow endpoint holds two deliveries and gets no more
            assertThat(fastDone.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(slowBusy.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(slowInFlight.get()).isEqualTo(2);
            assertThat(tick).isNotDone();

            release.countDown();
            assertThat(tick.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(18); // and 6 to the default channel
            assertThat(slowDone).hasSize(6);
            assertThat(slowMaxInFlight.get()).isEqualTo(2);
            assertThat(vigil.notifications().count(OutboxStatus.PENDING)).isZero();
        }
    }

    @Test
    void oneSubjectsNotificationsReachADestinationInOrder() throws Exception {
        ManualClock clock = ManualClock.at("2025-03-01T08:00:00Z");
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch upArrived = new CountDownLatch(1);
        try (Vigil vigil = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).notifier(n -> { })
                .deliveryConcurrency(8, 4)
                .channel("ops", n -> {
                    String to = n.transition().to();
                    if (to.equals("DOWN")) {
                        // were UP delivered beside DOWN, it would arrive meanwhile
                        upArrived.await(500, TimeUnit.MILLISECONDS);
                    } else {
                        upArrived.countDown();
                    }
                    received.add(to);
                })
                .build()) {
            CreatedMonitor m = failing(vigil, 1, "ops").get(0);
            vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
            assertThat(vigil.tick().delivered()).isEqualTo(4); // and 2 to the default channel
            assertThat(received).containsExactly("DOWN", "UP");
        }
    }

    @Test
    void anEntryIsMarkedDeliveredWhenTheReceiverAnswered() {
        ManualClock clock = ManualClock.at("2025-03-01T08:00:00Z");
        Instant failedAt = clock.instant();
        try (Vigil vigil = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).notifier(n -> { })
                .channel("ops", n -> clock.advance(Duration.ofSeconds(7))) // the receiver takes 7 s to answer
                .build()) {
            failing(vigil, 1, "ops");
            vigil.tick();
            OutboxEntry e = vigil.notifications().list(OutboxStatus.DELIVERED, 10).stream()
                    .filter(x -> x.channel().equals("ops")).findFirst().orElseThrow();
            assertThat(e.createdAt()).isEqualTo(failedAt);
            assertThat(e.deliveredAt()).isEqualTo(failedAt.plusSeconds(7));
        }
    }

    @Test
    void twoInstancesWithAReceiverSlowerThanTheLeaseDeliverEachNotificationOnce() throws Exception {
        int monitors = 16;
        try (HttpReceiver receiver = new HttpReceiver().delay(Duration.ofMillis(1200))) {
            Path config = dir.resolve("vigil.yaml");
            Files.writeString(config, String.join("\n",
                    "outbound:",
                    "  allow_private_targets: true",
                    "channels:",
                    "  hook:",
                    "    type: webhook",
                    "    url: " + receiver.url("/hook"),
                    ""));
            VigilStore other = sameDatabase();
            Function<VigilStore, Vigil> instance = s -> Vigil.builder().store(s).closeStoreOnClose(false)
                    .clock(InstantSource.system()).config(config).environment(Map.of()).notifier(n -> { })
                    .claimLease(Duration.ofSeconds(1)).maxIdle(Duration.ofMillis(100))
                    .deliveryConcurrency(8, 4).build();
            try (Vigil a = instance.apply(store); Vigil b = instance.apply(other)) {
                failing(a, monitors, "hook");
                a.start();
                b.start();
                assertThat(receiver.awaitRequests(monitors, WAIT)).isTrue();
                long end = System.nanoTime() + WAIT.toNanos();
                while (a.notifications().count(OutboxStatus.PENDING) > 0 && System.nanoTime() < end) {
                    Thread.sleep(50); // real instances on a real clock: wait for their last marks
                }
                assertThat(a.notifications().count(OutboxStatus.PENDING)).isZero();
            } finally {
                if (other != store) {
                    other.close();
                }
            }
            Map<String, Long> postsPerKey = receiver.requests().stream().collect(Collectors.groupingBy(
                    r -> r.header(WebhookNotifier.IDEMPOTENCY_HEADER), Collectors.counting()));
            assertThat(postsPerKey).hasSize(monitors).allSatisfy((key, posts) -> assertThat(posts).isOne());
            assertThat(receiver.maxInFlight()).isBetween(2, 8); // concurrent, four per instance at most
            List<Transition> delivered = store.outbox().list(OutboxStatus.DELIVERED, 100).stream()
                    .filter(e -> e.channel().equals("hook")).map(OutboxEntry::transition).toList();
            assertThat(delivered).hasSize(monitors);
            assertThat(store.outbox().list(OutboxStatus.DELIVERED, 100)).filteredOn(e -> e.channel().equals("hook"))
                    .allSatisfy(e -> assertThat(e.attempts()).isOne());
        }
    }
}
