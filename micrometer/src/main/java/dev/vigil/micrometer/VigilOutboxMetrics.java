package dev.vigil.micrometer;

import dev.vigil.Vigil;
import dev.vigil.notify.Notifications;
import dev.vigil.spi.OutboxStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox as gauges: {@code vigil.outbox.pending} (notifications waiting for delivery or a retry) and
 * {@code vigil.outbox.failed} (kept as FAILED after their last attempt). Each reads its count from the store at most
 * once per {@code refresh} of Vigil's clock (default 15 s), however often it is scraped; while the store cannot be
 * reached it reads NaN.
 *
 * <pre>{@code
 * new VigilOutboxMetrics(vigil).bindTo(registry);
 * }</pre>
 */
public final class VigilOutboxMetrics implements MeterBinder {
    /** How long a count read from the store is shown before it is read again, by default. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(VigilOutboxMetrics.class);

    private final Notifications notifications;
    private final InstantSource clock;
    private final Duration refresh;
    private final Tags tags;

    public VigilOutboxMetrics(Vigil vigil) {
        this(vigil, DEFAULT_REFRESH, Tags.empty());
    }

    /**
     * @param refresh how long a count is kept before the store is asked again (at least 1 s)
     * @param tags    tags every gauge carries too
     */
    public VigilOutboxMetrics(Vigil vigil, Duration refresh, Iterable<Tag> tags) {
        this.notifications = Objects.requireNonNull(vigil, "vigil").notifications();
        this.clock = vigil.clock();
        if (refresh.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("refresh must be at least 1s, got " + refresh);
        }
        this.refresh = refresh;
        this.tags = Tags.of(tags);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("vigil.outbox.pending", new CachedCount(OutboxStatus.PENDING), CachedCount::get)
                .description("Notifications waiting for delivery or a retry").baseUnit("notifications").tags(tags)
                .strongReference(true).register(registry);
        Gauge.builder("vigil.outbox.failed", new CachedCount(OutboxStatus.FAILED), CachedCount::get)
                .description("Notifications kept as FAILED after their last attempt").baseUnit("notifications")
                .tags(tags).strongReference(true).register(registry);
    }

    /** One status's count, read from the store at most once per refresh. */
    private final class CachedCount {
        private final OutboxStatus status;
        private boolean read;
        private long readAtMillis;
        private double value = Double.NaN;

        CachedCount(OutboxStatus status) {
            this.status = status;
        }

        synchronized double get() {
            long now = clock.millis();
            if (!read || now - readAtMillis >= refresh.toMillis() || now < readAtMillis) {
                read = true;
                readAtMillis = now;
                try {
                    value = notifications.count(status);
                } catch (RuntimeException e) { // the store's own errors are counted where Vigil works with it
                    LOG.debug("Could not count {} notifications: {}", status, e.toString());
                    value = Double.NaN;
                }
            }
            return value;
        }
    }
}
