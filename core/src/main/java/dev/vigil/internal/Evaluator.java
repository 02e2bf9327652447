package dev.vigil.internal;

import dev.vigil.kind.SubjectKind;
import dev.vigil.spi.Gap;
import dev.vigil.spi.StoreUnavailableException;
import dev.vigil.spi.StoredSubject;
import dev.vigil.spi.VigilStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One evaluation pass over every kind: claim what is due, evaluate it, write the result. Costs O(due), never O(all).
 *
 * <p>Also keeps the shared watermark: when this instance starts, or reaches the store again after an outage, and
 * finds that nobody evaluated for longer than {@code tolerance}, it records the gap, so deadlines that fell inside it
 * move to its end plus a full period instead of alarming at once (signals sent then were lost).
 */
public final class Evaluator {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);
    /** Gaps older than this no longer matter: every deadline inside them has been moved or evaluated. */
    private static final Duration GAP_MEMORY = Duration.ofDays(7);

    private final VigilStore store;
    private final Engine engine;
    private final int batchSize;
    private final Duration lease;
    private final Duration tolerance;
    private final Set<String> unknownKinds = ConcurrentHashMap.newKeySet();
    private @Nullable Instant lastSuccess; // the last evaluation that reached the store; null before the first
    private boolean storeWasDown;
    private @Nullable Instant lastWatermark; // written by this instance; null until the first write

    private final Consumer<Instant> beforeClaim;
    private int claimed; // in the current pass, for listeners

    public Evaluator(VigilStore store, Engine engine, int batchSize, Duration lease, Duration tolerance) {
        this(store, engine, batchSize, lease, tolerance, now -> { });
    }

    /**
     * @param beforeClaim runs at the start of every evaluation pass, before anything is claimed (heartbeats write
     *                    their coalesced matches here, so no deadline is evaluated on a stale last match)
     */
    public Evaluator(VigilStore store, Engine engine, int batchSize, Duration lease, Duration tolerance,
            Consumer<Instant> beforeClaim) {
        this.beforeClaim = beforeClaim;
        this.store = store;
        this.engine = engine;
        this.batchSize = batchSize;
        this.lease = lease;
        this.tolerance = tolerance;
    }

    /**
     * Evaluates everything due at {@code now}; returns the number of transitions written. When the store could not
     * be reached at the last attempt, first records the gap since the last successful evaluation (if longer than the
     * tolerance): signals sent to Vigil meanwhile were refused.
     */
    public synchronized int evaluateDue(Instant now) {
        try {
            long started = engine.listeners().startTimer();
            if (storeWasDown && lastSuccess != null) {
                recordGap(lastSuccess, now, "the store was unreachable");
            }
            beforeClaim.accept(now);
            claimed = 0;
            int transitions = claimAndEvaluate(now);
            lastSuccess = now;
            storeWasDown = false;
            engine.listeners().tick(engine.listeners().since(started), claimed, transitions);
            return transitions;
        } catch (StoreUnavailableException e) {
            storeWasDown = lastSuccess != null;
            throw e;
        }
    }

    private int claimAndEvaluate(Instant now) {
        int transitions = 0;
        List<Gap> gaps = null;
        while (true) {
            // a claim may return fewer than it could (a stale lease put back over a later deadline), so go on until
            // one returns nothing
            List<StoredSubject> due = store.subjects().claimDue(now, lease, batchSize);
            if (due.isEmpty()) {
                return transitions;
            }
            claimed += due.size();
            if (gaps == null) {
                gaps = store.watermark().gaps(now.minus(GAP_MEMORY));
            }
            for (StoredSubject s : due) {
                transitions += evaluate(s, now, gaps);
            }
        }
    }

    private int evaluate(StoredSubject s, Instant now, List<Gap> gaps) {
        SubjectKind<?, ?> kind = engine.kinds().get(s.kind());
        if (kind == null) {
            if (unknownKinds.add(s.kind())) {
                LOG.warn("Subjects of kind '{}' are due but this Vigil does not know the kind; another instance "
                        + "(or a newer version) must evaluate them", s.kind());
            }
            return 0;
        }
        return engine.evaluate(kind, s, now, gaps);
    }

    /**
     * Called when this instance starts evaluating: if nobody evaluated for longer than the tolerance (the watermark
     * is old), records the gap before anything is evaluated. A store that cannot be reached now is left to the
     * background loop, which does the same on its first successful step.
     */
    public synchronized void resume(Instant now) {
        try {
            checkWatermark(now);
        } catch (StoreUnavailableException e) {
            LOG.warn("Store unavailable at start; the evaluator checks for a gap once it is reachable: {}",
                    e.getMessage());
        }
    }

    /**
     * Called when this instance stops evaluating (a clean shutdown): the watermark says it evaluated until now, so a
     * restart measures its gap from here.
     */
    public synchronized void pause(Instant now) {
        if (lastSuccess == null) {
            return;
        }
        try {
            store.watermark().evaluated(now);
        } catch (StoreUnavailableException e) {
            LOG.warn("Store unavailable at shutdown; the watermark stays at {}", lastWatermark);
        }
    }

    /**
     * One step of the background loop: checks the shared watermark on the first step (when {@link #resume} could
     * not), evaluates what is due, and moves the watermark.
     */
    public synchronized int backgroundStep(Instant now) {
        if (lastSuccess == null) {
            checkWatermark(now);
        }
        int transitions = evaluateDue(now);
        if (lastWatermark == null || now.isBefore(lastWatermark)
                || Duration.between(lastWatermark, now).compareTo(tolerance.dividedBy(4)) >= 0) {
            store.watermark().evaluated(now);
            lastWatermark = now;
        }
        return transitions;
    }

    private void checkWatermark(Instant now) {
        Optional<Instant> last = store.watermark().lastEvaluated();
        last.ifPresent(l -> recordGap(l, now, "no instance was evaluating"));
        store.watermark().evaluated(now);
        lastWatermark = now;
        lastSuccess = now;
    }

    private void recordGap(Instant from, Instant now, String why) {
        if (Duration.between(from, now).compareTo(tolerance) > 0) {
            Gap gap = new Gap(from, now);
            store.watermark().addGap(gap);
            LOG.info("Evaluation gap from {} to {} ({}): deadlines in it move to its end plus a full period", from,
                    now, why);
        }
    }
}
