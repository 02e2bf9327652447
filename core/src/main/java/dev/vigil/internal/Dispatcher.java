package dev.vigil.internal;

import dev.vigil.kind.SubjectKind;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Text;
import dev.vigil.model.Transition;
import dev.vigil.notify.Notification;
import dev.vigil.notify.NotificationText;
import dev.vigil.notify.Notifier;
import dev.vigil.notify.RetryLaterException;
import dev.vigil.notify.UndeliverableException;
import dev.vigil.observe.DeliveryEvent.Outcome;
import dev.vigil.spi.Destination;
import dev.vigil.spi.OutboxEntry;
import dev.vigil.spi.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due outbox entries concurrently, with a bound per destination, so that one slow or dead endpoint delays
 * only its own entries.
 *
 * <p>It never claims more than it can start at once: a claim takes at most as many entries as there are free
 * delivery slots (and at most {@code perDestination}), and skips the destinations that already have
 * {@code perDestination} entries held. Every held entry's lease is renewed at half its length for as long as it is
 * held, so a claim runs out only when this instance died: then another instance delivers it again, which is the only
 * way a notification is delivered twice. Entries for one subject and destination are delivered one after another,
 * in claim order, so a receiver sees a subject's DOWN before its UP. An entry is marked delivered at the moment the
 * receiver answered; a failed one is retried with exponential backoff and jitter, and after {@code maxAttempts} kept
 * as FAILED.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int MAX_ERROR_LENGTH = 500;
    /** A receiver's Retry-After of zero would have the entry claimed again within the same pass. */
    private static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);

    private final OutboxStore outbox;
    private final InstantSource clock;
    private final Channels channels;
    private final Kinds kinds;
    private final Duration lease;
    private final RetryPolicy retry;
    private final Limits limits;
    private final Listeners listeners;
    private final Runnable slotFreed;
    private final ExecutorService pool;
    private final AtomicInteger delivered = new AtomicInteger();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    /** Every entry claimed by this instance and not yet marked, by id. Guarded by {@link #lock}. */
    private final Map<String, Held> held = new HashMap<>();
    /** How many delivery runs have finished, to tell a wait that one finished before it began. Guarded by lock. */
    private long finishedRuns;
    /** Per destination: its held entries, waiting groups and running deliveries. Guarded by {@link #lock}. */
    private final Map<Destination, Lane> lanes = new HashMap<>();

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

    /** How many deliveries run at once: in all, and to one destination. */
    public record Limits(int concurrency, int perDestination) {
        public Limits {
            if (concurrency < 1 || concurrency > 1000) {
                throw new IllegalArgumentException("delivery concurrency must be between 1 and 1000, got " + concurrency);
            }
            if (perDestination < 1 || perDestination > concurrency) {
                throw new IllegalArgumentException("deliveries per destination must be between 1 and the concurrency ("
                        + concurrency + "), got " + perDestination);
            }
        }
    }

    /** An entry this instance holds: its claim may have been lost to another instance (then it is not delivered). */
    private static final class Held {
        final OutboxEntry entry;
        final String token;
        Instant leaseUntil;
        boolean lost;

        Held(OutboxEntry entry, Instant leaseUntil) {
            this.entry = entry;
            this.token = Objects.requireNonNull(entry.claimToken(), "claimed entries carry their token");
            this.leaseUntil = leaseUntil;
        }
    }

    /** One destination's work: groups of one subject's entries, run at most {@code perDestination} at a time. */
    private static final class Lane {
        final Destination destination;
        final ArrayDeque<List<Held>> waiting = new ArrayDeque<>();
        final Set<SubjectRef> busy = new HashSet<>();
        int heldCount;
        int running;

        Lane(Destination destination) {
            this.destination = destination;
        }
    }

    /**
     * @param slotFreed called (outside any lock) when a delivery finished, so the background loop claims more at once
     * @param listeners hear every attempt and its outcome
     */
    public Dispatcher(OutboxStore outbox, Channels channels, Kinds kinds, InstantSource clock, Duration lease,
            RetryPolicy retry, Limits limits, Runnable slotFreed, Listeners listeners) {
        this.listeners = listeners;
        this.outbox = outbox;
        this.clock = clock;
        this.channels = channels;
        this.kinds = kinds;
        this.lease = lease;
        this.retry = retry;
        this.limits = limits;
        this.slotFreed = slotFreed;
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(limits.concurrency(), limits.concurrency(), 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "vigil-delivery-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true); // no idle threads in a host that never notifies
        this.pool = executor;
    }

    /**
     * Delivers everything due at {@code now} and waits until it is done (for {@code Vigil.tick()}): returns how many
     * deliveries succeeded meanwhile.
     */
    public int dispatchDue(Instant now) {
        int before = delivered.get();
        while (true) {
            long seen = finishedRuns();
            boolean constrained = claimAndStart(now);
            lock.lock();
            try {
                if (held.isEmpty() && !constrained) {
                    return delivered.get() - before;
                }
                // a delivery that finished since the claim started already freed a slot: claim again at once;
                // otherwise wait for one, waking up in time to renew the leases of long deliveries
                if (!held.isEmpty() && finishedRuns == seen) {
                    finished.await(Math.max(1, lease.toMillis() / 4), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return delivered.get() - before;
            } finally {
                lock.unlock();
            }
            renewHalfSpent(clock.instant());
        }
    }

    private long finishedRuns() {
        lock.lock();
        try {
            return finishedRuns;
        } finally {
            lock.unlock();
        }
    }

    /**
     * One step of the background loop: renews the leases of held entries that need it, starts what can start, and
     * returns when to look again (a finished delivery wakes the loop earlier through {@code slotFreed}).
     */
    public Optional<Instant> backgroundStep(Instant now) {
        renewHalfSpent(now);
        boolean constrained = claimAndStart(now);
        Instant next = earliestRenewal();
        Optional<Instant> due = outbox.earliestDue();
        // when constrained, what is due now waits for a free slot, and a finished delivery reports that
        if (due.isPresent() && (!constrained || due.get().isAfter(now)) && (next == null || due.get().isBefore(next))) {
            next = due.get();
        }
        return Optional.ofNullable(next);
    }

    /**
     * Claims as much as there are free slots for, and starts it. True when it stopped with work possibly left
     * for lack of slots (in all, or at a destination it had to skip).
     */
    private boolean claimAndStart(Instant now) {
        while (true) {
            int limit;
            Set<Destination> skip;
            lock.lock();
            try {
                int free = limits.concurrency() - held.size();
                if (free <= 0) {
                    return true;
                }
                limit = Math.min(free, limits.perDestination());
                skip = saturatedLanes();
            } finally {
                lock.unlock();
            }
            List<OutboxEntry> claimed = outbox.claim(now, lease, limit, skip);
            if (!claimed.isEmpty()) {
                start(claimed, now.plus(lease));
            }
            if (claimed.size() < limit) {
                return !skip.isEmpty();
            }
        }
    }

    private Set<Destination> saturatedLanes() {
        Set<Destination> saturated = new HashSet<>();
        lanes.forEach((destination, lane) -> {
            if (lane.heldCount >= limits.perDestination()) {
                saturated.add(destination);
            }
        });
        return saturated;
    }

    private void start(List<OutboxEntry> claimed, Instant leaseUntil) {
        // one group per destination and subject, in claim order
        Map<Destination, Map<SubjectRef, List<Held>>> groups = new LinkedHashMap<>();
        for (OutboxEntry e : claimed) {
            groups.computeIfAbsent(e.destination(), d -> new LinkedHashMap<>())
                    .computeIfAbsent(e.transition().subject(), s -> new ArrayList<>()).add(new Held(e, leaseUntil));
        }
        lock.lock();
        try {
            groups.forEach((destination, bySubject) -> {
                Lane lane = lanes.computeIfAbsent(destination, Lane::new);
                bySubject.values().forEach(group -> {
                    group.forEach(h -> held.put(h.entry.id(), h));
                    lane.heldCount += group.size();
                    lane.waiting.add(group);
                });
                pump(lane);
            });
        } finally {
            lock.unlock();
        }
    }

    /** Starts the lane's waiting groups while it has room, skipping subjects with a delivery under way. */
    private void pump(Lane lane) {
        Iterator<List<Held>> it = lane.waiting.iterator();
        while (lane.running < limits.perDestination() && it.hasNext()) {
            List<Held> group = it.next();
            SubjectRef subject = group.get(0).entry.transition().subject();
            if (lane.busy.add(subject)) {
                try {
                    pool.execute(() -> run(lane, subject, group));
                } catch (RejectedExecutionException closing) {
                    lane.busy.remove(subject); // left claimed: delivered again once its lease runs out
                    return;
                }
                it.remove();
                lane.running++;
            }
        }
    }

    private void run(Lane lane, SubjectRef subject, List<Held> group) {
        try {
            for (Held h : group) {
                // the group's later entries waited for the earlier ones: renew a half-spent lease first
                renew(h, clock.instant());
                boolean lost;
                lock.lock();
                try {
                    lost = h.lost;
                } finally {
                    lock.unlock();
                }
                if (!lost && deliver(h.entry, h.token)) {
                    delivered.incrementAndGet();
                }
            }
        } finally {
            lock.lock();
            try {
                group.forEach(h -> held.remove(h.entry.id()));
                lane.heldCount -= group.size();
                lane.running--;
                lane.busy.remove(subject);
                pump(lane);
                if (lane.heldCount == 0) {
                    lanes.remove(lane.destination, lane);
                }
                finishedRuns++;
                finished.signalAll();
            } finally {
                lock.unlock();
            }
            slotFreed.run();
        }
    }

    /** Renews every held lease that is half spent; an entry whose claim was taken over is not delivered. */
    private void renewHalfSpent(Instant now) {
        List<Held> all;
        lock.lock();
        try {
            all = new ArrayList<>(held.values());
        } finally {
            lock.unlock();
        }
        for (Held h : all) {
            renew(h, now);
        }
    }

    /** Renews the entry's lease if it is half spent; marks it lost when another instance took it over. */
    private void renew(Held h, Instant now) {
        lock.lock();
        try {
            if (h.lost || h.leaseUntil.isAfter(now.plus(lease.dividedBy(2)))) {
                return;
            }
        } finally {
            lock.unlock();
        }
        Instant until = now.plus(lease);
        boolean renewed;
        try {
            renewed = outbox.renew(h.entry.id(), h.token, until);
        } catch (RuntimeException storeFailure) {
            return; // tried again at the next step; meanwhile the mark stays fenced
        }
        lock.lock();
        try {
            if (renewed) {
                h.leaseUntil = until;
            } else {
                h.lost = true;
                LOG.warn("Notification {}: this instance's claim ran out and another took it over", h.entry.id());
            }
        } finally {
            lock.unlock();
        }
    }

    private @Nullable Instant earliestRenewal() {
        lock.lock();
        try {
            Instant earliest = null;
            for (Held h : held.values()) {
                Instant at = h.leaseUntil.minus(lease.dividedBy(2));
                if (!h.lost && (earliest == null || at.isBefore(earliest))) {
                    earliest = at;
                }
            }
            return earliest;
        } finally {
            lock.unlock();
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

    /** One attempt; every mark is fenced by the claim's token. True when the receiver accepted it. */
    private boolean deliver(OutboxEntry e, String token) {
        int attempt = e.attempts() + 1;
        try {
            Notifier notifier = channels.get(e.channel());
            Listeners.Attempt observed = listeners.attempt(channels.type(e.channel()), attempt);
            if (notifier == null) {
                observed.end(Outcome.FAILED);
                outbox.markFailed(e.id(), token, clock.instant(),
                        "channel '" + Text.forLog(e.channel()) + "' is no longer defined");
                return false;
            }
            try {
                notifier.deliver(new Notification(e.id(), e.channel(), e.address(), withLink(e.transition()), attempt));
            } catch (Exception ex) {
                failed(e, token, attempt, ex, observed);
                return false;
            }
            observed.end(Outcome.DELIVERED);
            // the moment the receiver answered; if our claim was taken over meanwhile, this changes nothing
            return outbox.markDelivered(e.id(), token, clock.instant());
        } catch (RuntimeException storeFailure) {
            // the entry stays claimed until its lease runs out, then it is delivered again (at least once)
            LOG.warn("Notification {}: could not record the delivery attempt, it will be tried again: {}", e.id(),
                    describe(storeFailure));
            return false;
        }
    }

    private void failed(OutboxEntry e, String token, int attempt, Exception ex, Listeners.Attempt observed) {
        String error = describe(ex);
        Instant now = clock.instant();
        boolean retrying = ex instanceof RetryLaterException ? attempt < retry.maxAttempts()
                : !(ex instanceof UndeliverableException) && attempt < retry.maxAttempts();
        observed.end(retrying ? Outcome.RETRY : Outcome.FAILED); // as the branches below decide
        if (ex instanceof RetryLaterException later && attempt < retry.maxAttempts()) {
            Instant next = now.plus(later.after().compareTo(MIN_RETRY_AFTER) < 0 ? MIN_RETRY_AFTER : later.after());
            LOG.info("Notification {} to channel '{}' deferred by the receiver until {}", e.id(),
                    Text.forLog(e.channel()), next);
            outbox.reschedule(e.id(), token, next, error);
        } else if (ex instanceof UndeliverableException) {
            LOG.warn("Notification {} to channel '{}' cannot be delivered: {}", e.id(), Text.forLog(e.channel()), error);
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
    }

    private static String describe(Exception ex) {
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName()
                : ex.getClass().getSimpleName() + ": " + ex.getMessage();
        msg = Text.forLog(msg);
        return Text.storable(msg.length() > MAX_ERROR_LENGTH ? msg.substring(0, MAX_ERROR_LENGTH) : msg);
    }

    /**
     * Lets deliveries under way finish for a few seconds, then interrupts them; what is left unmarked is delivered
     * again once its lease runs out.
     */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
