package dev.vigil.internal;

import dev.vigil.spi.RecordStore;
import dev.vigil.spi.Rollup;
import dev.vigil.task.Metric;
import dev.vigil.task.TaskSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * App metric samples, kept twice and both bounded: per-minute roll-ups in the store's append-only area (stream
 * {@value #STREAM}, key = the app; durable, shared, pruned after {@link TaskSpec#MAX_WINDOW}) and, for apps that
 * tasks watch, in-memory rings of running totals ({@link MinuteSeries}) sized to the longest window a task of the app
 * needs. Evaluations read the rings, so a tick costs O(tasks due), never a window's worth of samples. A ring is
 * built from the roll-ups when a task first needs it (after a restart, a new or changed task), under the same lock
 * as the writes of that app, so no sample is counted twice or missed.
 *
 * <p>Instances sharing a store each receive some of an app's samples, and all of them reach the roll-ups. So before
 * each evaluation the ring takes the roll-ups of the minutes completed since its last reconciliation and makes those
 * minutes equal to them, once a minute per app: samples another instance received count wherever the task is
 * evaluated, from the end of their minute on. A sample that reaches another instance after its minute was reconciled
 * here is counted only in the roll-ups (and in rings built after it). With many rings, the minute's first
 * evaluation reads the recent roll-ups of all of them in one call ({@link RecordStore#rollupsOf}) rather than one
 * read per app; a ring written since that read, or reconciled too long ago, reads its own. And when the store counts
 * its upserts ({@link RecordStore#rollupUpserts}) and nobody else wrote since the previous minute's shared read,
 * there is nothing to read: the rings hold everything the roll-ups do.
 */
final class AppSamples {
    static final String STREAM = "app_metric";
    static final String ERRORS = Metric.HTTP_5XX.wireName();
    static final String REQUESTS = Metric.HTTP_REQUESTS.wireName();
    static final String MEMORY_SUM = "memory_mb:";
    static final String MEMORY_COUNT = "memory_mb_n:";
    /** Minutes a ring keeps beyond its window: samples may be stamped up to 5 minutes ahead of Vigil's clock. */
    static final int SLACK_MINUTES = 7;
    static final int FIVE_XX_MINUTES = (int) TaskSpec.FIVE_XX_WINDOW.toMinutes();
    private static final int STRIPES = 256;
    /** From this many rings on, a minute's reconciliations share one read of the recent roll-ups. */
    static final int SHARED_READ_RINGS = 64;

    /** One sample, validated and placed in its minute. */
    record Timed(Metric metric, double value, String dyno, long minute) {
    }

    /** What is kept in memory for one app: 5xx and request counts, and per dyno the memory sum and sample count. */
    private static final class Series {
        final @Nullable MinuteSeries errors;
        final @Nullable MinuteSeries requests;
        final int memoryCapacity;
        final Map<String, MinuteSeries> memory = new HashMap<>();
        /** The last complete minute made equal to the roll-ups. */
        long reconciledThrough;
        /** The number of {@link #writes} when this ring was last written to. */
        long lastWrite;

        Series(boolean fiveXx, int memoryMinutes) {
            this.errors = fiveXx ? new MinuteSeries(FIVE_XX_MINUTES + SLACK_MINUTES) : null;
            this.requests = fiveXx ? new MinuteSeries(FIVE_XX_MINUTES + SLACK_MINUTES) : null;
            this.memoryCapacity = memoryMinutes == 0 ? 0 : memoryMinutes + SLACK_MINUTES;
        }

        boolean covers(boolean fiveXx, int memoryMinutes) {
            return (!fiveXx || errors != null) && memoryMinutes + (memoryMinutes == 0 ? 0 : SLACK_MINUTES)
                    <= memoryCapacity;
        }

        void count(String metric, long minute, double value) {
            MinuteSeries target = metric.equals(ERRORS) ? errors : metric.equals(REQUESTS) ? requests : null;
            if (target != null) {
                target.add(minute, value, 1);
            }
        }

        void memory(String dyno, long minute, double sum, long samples) {
            if (memoryCapacity > 0) {
                memory.computeIfAbsent(dyno, d -> new MinuteSeries(memoryCapacity)).add(minute, sum, samples);
            }
        }

        /** Makes one minute equal to its roll-up bucket: adds what the store has and this ring has not. */
        void reconcile(long minute, Map<String, Double> sums) {
            settle(errors, minute, sums.getOrDefault(ERRORS, 0.0), -1);
            settle(requests, minute, sums.getOrDefault(REQUESTS, 0.0), -1);
            if (memoryCapacity > 0) {
                for (Map.Entry<String, Double> e : sums.entrySet()) {
                    if (e.getKey().startsWith(MEMORY_SUM)) {
                        String dyno = e.getKey().substring(MEMORY_SUM.length());
                        Double n = sums.get(MEMORY_COUNT + dyno);
                        settle(memory.computeIfAbsent(dyno, d -> new MinuteSeries(memoryCapacity)), minute,
                                e.getValue(), n == null ? 1 : Math.round(n));
                    }
                }
            }
        }

        /** Adds the difference between the store's total of a minute and the ring's ({@code count} -1: sums only). */
        private static void settle(@Nullable MinuteSeries series, long minute, double sum, long count) {
            if (series == null) {
                return;
            }
            TaskLogic.Totals local = series.window(minute, 1);
            double missingSum = sum - local.sum();
            long missingCount = count < 0 ? 0 : count - local.count();
            if (Math.abs(missingSum) > 1e-9 * Math.max(1, Math.abs(sum)) || missingCount != 0) {
                series.add(minute, missingSum, missingCount);
            }
        }

        /** Adds one roll-up bucket, as the store keeps it. */
        void rollup(long minute, Map<String, Double> sums) {
            for (Map.Entry<String, Double> e : sums.entrySet()) {
                String k = e.getKey();
                if (k.startsWith(MEMORY_SUM)) {
                    Double n = sums.get(MEMORY_COUNT + k.substring(MEMORY_SUM.length()));
                    memory(k.substring(MEMORY_SUM.length()), minute, e.getValue(), n == null ? 1 : Math.round(n));
                } else if (!k.startsWith(MEMORY_COUNT)) {
                    count(k, minute, e.getValue());
                }
            }
        }
    }

    /**
     * The roll-ups of minutes {@code [from, last]} of every app that had a ring, read at once when {@code writes} was
     * {@code writesBefore}: right for a ring not written since. {@code byApp} is null when nobody else had written
     * since the previous shared read: a ring reconciled then needs nothing. {@code foreignUpserts} is -1 when the
     * store does not count its upserts.
     */
    private record SharedRead(long last, long from, long writesBefore, @Nullable Map<String, List<Rollup>> byApp,
            long foreignUpserts) {
    }

    private final RecordStore records;
    private final ConcurrentHashMap<String, Series> apps = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[STRIPES];
    /** Counts writes to rings, each numbered after its roll-up upsert finished. */
    private final AtomicLong writes = new AtomicLong();
    private final Object sharedReadLock = new Object();
    private volatile @Nullable SharedRead sharedRead;
    /** This instance's roll-up upserts, each made under the read lock: the write lock sees none under way. */
    private final AtomicLong ownUpserts = new AtomicLong();
    private final ReentrantReadWriteLock upserting = new ReentrantReadWriteLock();

    AppSamples(RecordStore records) {
        this.records = records;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    private Object lock(String app) {
        return locks[(app.hashCode() & 0x7fffffff) % STRIPES];
    }

    static long minute(long epochMillis) {
        return Math.floorDiv(epochMillis, 60_000L);
    }

    static Instant bucket(long minute) {
        return Instant.ofEpochMilli(minute * 60_000L);
    }

    /** Records samples of one app: one roll-up upsert per minute they fall in, then the app's ring if it has one. */
    void record(String app, List<Timed> samples) {
        Map<Long, Map<String, Double>> byMinute = new TreeMap<>();
        for (Timed t : samples) {
            Map<String, Double> sums = byMinute.computeIfAbsent(t.minute(), m -> new HashMap<>());
            if (t.metric() == Metric.MEMORY_MB) {
                sums.merge(MEMORY_SUM + t.dyno(), t.value(), Double::sum);
                sums.merge(MEMORY_COUNT + t.dyno(), 1.0, Double::sum);
            } else {
                sums.merge(t.metric().wireName(), t.value(), Double::sum);
            }
        }
        synchronized (lock(app)) {
            // taken inside the app's lock, so a holder of the read lock never waits for an app's lock
            upserting.readLock().lock();
            try {
                for (Map.Entry<Long, Map<String, Double>> e : byMinute.entrySet()) {
                    records.addToRollup(STREAM, app, bucket(e.getKey()), e.getValue());
                    ownUpserts.incrementAndGet();
                }
            } finally {
                upserting.readLock().unlock();
            }
            Series s = apps.get(app);
            if (s != null) {
                for (Timed t : samples) {
                    if (t.metric() == Metric.MEMORY_MB) {
                        s.memory(t.dyno(), t.minute(), t.value(), 1);
                    } else {
                        s.count(t.metric().wireName(), t.minute(), t.value());
                    }
                }
                s.lastWrite = writes.incrementAndGet();
            }
        }
    }

    /** The app's 5xx and request totals in the 10 minutes ending with {@code now}'s minute. */
    TaskLogic.Totals[] fiveXx(String app, Instant now) {
        long end = minute(now.toEpochMilli());
        synchronized (lock(app)) {
            Series s = series(app, true, 0, end);
            MinuteSeries errors = java.util.Objects.requireNonNull(s.errors);
            MinuteSeries requests = java.util.Objects.requireNonNull(s.requests);
            return new TaskLogic.Totals[] {errors.window(end, FIVE_XX_MINUTES), requests.window(end, FIVE_XX_MINUTES)};
        }
    }

    /** The mean MB of each of the app's dynos the task watches, over its window; dynos without samples are absent. */
    Map<String, Double> memoryMeans(TaskSpec spec, Instant now) {
        long end = minute(now.toEpochMilli());
        int minutes = windowMinutes(spec.window());
        Map<String, Double> means = new HashMap<>();
        synchronized (lock(spec.app())) {
            Series s = series(spec.app(), false, minutes, end);
            Iterator<Map.Entry<String, MinuteSeries>> it = s.memory.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, MinuteSeries> e = it.next();
                if (e.getValue().head() < end - s.memoryCapacity) {
                    it.remove(); // a dyno gone for longer than the ring holds: forget it
                    continue;
                }
                if (!spec.watchesDyno(e.getKey())) {
                    continue;
                }
                TaskLogic.Totals w = e.getValue().window(end, minutes);
                if (w.count() > 0) {
                    means.put(e.getKey(), w.sum() / w.count());
                }
            }
        }
        return means;
    }

    static int windowMinutes(Duration window) {
        long m = (window.toMillis() + 59_999) / 60_000;
        return (int) Math.max(1, m);
    }

    /** Drops the app's ring, so the next evaluation rebuilds it to what its tasks need now. */
    void forget(String app) {
        synchronized (lock(app)) {
            apps.remove(app);
        }
    }

    /** Deletes roll-ups older than every window. */
    int prune(Instant now) {
        return records.prune(STREAM, now.minus(TaskSpec.MAX_WINDOW).minus(Duration.ofMinutes(SLACK_MINUTES)));
    }

    /** The app's ring with at least what is asked, built from the roll-ups when missing or too small. Under lock. */
    private Series series(String app, boolean fiveXx, int memoryMinutes, long end) {
        Series s = apps.get(app);
        if (s != null && s.covers(fiveXx, memoryMinutes)) {
            long last = end - 1; // the last complete minute
            if (last > s.reconciledThrough) {
                // what other instances sharing the store received in the minutes completed since the last
                // reconciliation (once a minute per app, whatever number of its tasks are due)
                long from = Math.max(s.reconciledThrough + 1, end - FIVE_XX_MINUTES - SLACK_MINUTES);
                for (Rollup r : completedRollups(app, s, from, last)) {
                    s.reconcile(minute(r.bucket().toEpochMilli()), r.sums());
                }
                s.reconciledThrough = last;
            }
            return s;
        }
        boolean wantFiveXx = fiveXx || (s != null && s.errors != null);
        int wantMemory = Math.max(memoryMinutes, s == null || s.memoryCapacity == 0 ? 0
                : s.memoryCapacity - SLACK_MINUTES);
        Series built = new Series(wantFiveXx, wantMemory);
        int span = Math.max(wantFiveXx ? FIVE_XX_MINUTES : 0, wantMemory) + SLACK_MINUTES;
        List<Rollup> buckets = records.rollups(STREAM, app, bucket(end - span), bucket(end + SLACK_MINUTES));
        for (Rollup r : buckets) {
            built.rollup(minute(r.bucket().toEpochMilli()), r.sums());
        }
        built.reconciledThrough = end - 1; // the minute under way is reconciled once complete
        apps.put(app, built);
        return built;
    }

    /** The app's roll-ups of minutes {@code [from, last]}: from the minute's shared read when right, else read. */
    private List<Rollup> completedRollups(String app, Series s, long from, long last) {
        SharedRead shared = sharedRead(last);
        if (shared == null || shared.from() > from
                || (shared.byApp() != null && s.lastWrite > shared.writesBefore())) {
            return records.rollups(STREAM, app, bucket(from), bucket(last + 1));
        }
        Map<String, List<Rollup>> byApp = shared.byApp();
        if (byApp == null) {
            return List.of(); // nobody else wrote: the ring holds what the roll-ups do
        }
        List<Rollup> all = byApp.getOrDefault(app, List.of());
        return from == shared.from() ? all
                : all.stream().filter(r -> minute(r.bucket().toEpochMilli()) >= from).toList();
    }

    /**
     * The shared read of every ring's roll-ups up to the complete minute {@code last}, made by the first caller that
     * needs it; null with few rings. It starts after the previous shared read (rings reconciled then are covered),
     * else at {@code last}, and its writes count is taken before the read, so a ring written later reads its own.
     */
    private @Nullable SharedRead sharedRead(long last) {
        SharedRead current = sharedRead;
        if (current != null && current.last() == last) {
            return current;
        }
        if (apps.size() < SHARED_READ_RINGS) {
            return null;
        }
        synchronized (sharedReadLock) {
            current = sharedRead;
            if (current == null || current.last() != last) {
                long from = Math.max(current == null ? last : Math.min(current.last() + 1, last),
                        last + 1 - FIVE_XX_MINUTES - SLACK_MINUTES);
                long foreign = foreignUpserts();
                long writesBefore = writes.get();
                boolean nobodyElse = current != null && foreign >= 0 && foreign == current.foreignUpserts();
                current = new SharedRead(last, from, writesBefore, nobodyElse ? null
                        : records.rollupsOf(STREAM, List.copyOf(apps.keySet()), bucket(from), bucket(last + 1)),
                        foreign);
                sharedRead = current;
            }
            return current;
        }
    }

    /** The store's roll-up upserts not made here, or -1 when the store does not count them. */
    private long foreignUpserts() {
        upserting.writeLock().lock(); // waits for the upserts under way, so both counts hold them
        try {
            OptionalLong total = records.rollupUpserts(STREAM);
            return total.isPresent() ? total.getAsLong() - ownUpserts.get() : -1;
        } finally {
            upserting.writeLock().unlock();
        }
    }

    /** Apps with a ring in memory (for tests and benchmarks). */
    int appsInMemory() {
        return apps.size();
    }
}
