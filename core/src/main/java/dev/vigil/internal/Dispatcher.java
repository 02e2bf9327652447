package dev.vigil.internal;

import dev.vigil.kind.SubjectKind;
import dev.vigil.model.Text;
import dev.vigil.model.Transition;
import dev.vigil.notify.Notification;
import dev.vigil.notify.NotificationText;
import dev.vigil.notify.Notifier;
import dev.vigil.notify.RetryLaterException;
import dev.vigil.notify.UndeliverableException;
import dev.vigil.observe.DeliveryEvent.Outcome;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due outbox entries: claim with a lease, call the channel's notifier, then mark delivered, or retry
 * with exponential backoff and jitter, or after {@code maxAttempts} keep the entry as FAILED.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final OutboxStore outbox;
    private final InstantSource clock;
    private final Channels channels;
    private final Kinds kinds;
    private final int batchSize;
    private final Duration lease;
    private final RetryPolicy retry;
    private final Listeners listeners;

    /** Backoff: {@code base * 2^(attempt-1)}, capped at {@code max}, with +-20% jitter. */
    public record RetryPolicy(int maxAttempts, Duration base, Duration max) {
        public RetryPolicy {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("delivery maxAttempts must be between 1 and 100, got " + maxAttempts);
            }
            if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
                throw new IllegalArgumentException("delivery backoff needs 0 < base <= max, got base " + base
                        + " and max " + max);
            }
        }

        Duration delayAfter(int attempt) {
            long factor = 1L << Math.min(attempt - 1, 30);
            long millis = Math.min(max.toMillis(), base.toMillis() * factor);
            double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
            return Duration.ofMillis(Math.max(1, (long) (millis * jitter)));
        }
    }

    public Dispatcher(OutboxStore outbox, Channels channels, Kinds kinds, InstantSource clock, int batchSize,
            Duration lease, RetryPolicy retry, Listeners listeners) {
        this.listeners = listeners;
        this.outbox = outbox;
        this.clock = clock;
        this.channels = channels;
        this.kinds = kinds;
        this.batchSize = batchSize;
        this.lease = lease;
        this.retry = retry;
    }

    /** Delivers what is due at {@code now}; returns how many deliveries succeeded. */
    public int dispatchDue(Instant now) {
        int delivered = 0;
        while (true) {
            List<OutboxEntry> batch = outbox.claim(now, lease, batchSize);
            Instant claimedAt = clock.instant();
            for (OutboxEntry e : batch) {
                Instant at = clock.instant();
                if (Duration.between(claimedAt, at).compareTo(lease.dividedBy(2)) > 0) {
                    // deliveries before this one took half the lease: renew it, or give the entry up to others
                    if (!outbox.renew(e.id(), Objects.requireNonNull(e.claimToken()), at.plus(lease))) {
                        continue;
                    }
                }
                delivered += deliver(e, now) ? 1 : 0;
            }
            if (batch.size() < batchSize) {
                return delivered;
            }
        }
    }

    /**
     * The transition with its subject's link label, which follows from kind and key and is therefore not stored (an
     * entry written before that carries its own, and keeps it); as it is when its kind is no longer known.
     */
    private Transition withLink(Transition t) {
        SubjectKind<?, ?> kind = kinds.get(t.kind());
        if (kind == null || t.labels().containsKey(NotificationText.LINK_LABEL)) {
            return t;
        }
        Map<String, String> labels = new HashMap<>(t.labels());
        labels.put(NotificationText.LINK_LABEL, kind.linkPath(t.key()));
        return new Transition(t.id(), t.subject(), t.subjectName(), t.aspect(), t.type(), t.from(), t.to(),
                t.severity(), t.at(), t.reason(), labels, t.decision(), t.decisionDetail());
    }

    private boolean deliver(OutboxEntry e, Instant now) {
        int attempt = e.attempts() + 1;
        String token = Objects.requireNonNull(e.claimToken(), "claimed entries carry their token");
        Notifier notifier = channels.get(e.channel());
        Listeners.Attempt observed = listeners.attempt(channels.type(e.channel()), attempt);
        if (notifier == null) {
            observed.end(Outcome.FAILED);
            outbox.markFailed(e.id(), token, now, "channel '" + Text.forLog(e.channel()) + "' is no longer defined");
            return false;
        }
        try {
            notifier.deliver(new Notification(e.id(), e.channel(), e.address(), withLink(e.transition()), attempt));
            observed.end(Outcome.DELIVERED);
            // fenced: if our claim ran out and another instance took the entry over, this changes nothing
            return outbox.markDelivered(e.id(), token, now);
        } catch (Exception ex) {
            String error = describe(ex);
            observed.end(ex instanceof RetryLaterException && attempt < retry.maxAttempts() ? Outcome.RETRY
                    : ex instanceof UndeliverableException || attempt >= retry.maxAttempts() ? Outcome.FAILED
                    : Outcome.RETRY); // as the branches below decide
            if (ex instanceof RetryLaterException later && attempt < retry.maxAttempts()) {
                Instant next = now.plus(later.after());
                LOG.info("Notification {} to channel '{}' deferred by the receiver until {}", e.id(),
                        Text.forLog(e.channel()), next);
                outbox.reschedule(e.id(), token, next, error);
            } else if (ex instanceof UndeliverableException) {
                LOG.warn("Notification {} to channel '{}' cannot be delivered: {}", e.id(), Text.forLog(e.channel()),
                        error);
                outbox.markFailed(e.id(), token, now, error);
            } else if (attempt >= retry.maxAttempts()) {
                LOG.warn("Notification {} to channel '{}' failed for good after {} attempts: {}", e.id(),
                        Text.forLog(e.channel()), attempt, error);
                outbox.markFailed(e.id(), token, now, error);
            } else {
                Instant next = now.plus(retry.delayAfter(attempt));
                LOG.info("Notification {} to channel '{}' failed (attempt {}), retrying at {}: {}", e.id(),
                        Text.forLog(e.channel()), attempt, next, error);
                outbox.reschedule(e.id(), token, next, error);
            }
            if (ex instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    private static String describe(Exception ex) {
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName()
                : ex.getClass().getSimpleName() + ": " + ex.getMessage();
        msg = Text.forLog(msg);
        return Text.storable(msg.length() > MAX_ERROR_LENGTH ? msg.substring(0, MAX_ERROR_LENGTH) : msg);
    }
}
