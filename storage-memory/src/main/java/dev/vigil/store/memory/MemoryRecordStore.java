package dev.vigil.store.memory;

import dev.vigil.spi.AppendedRecord;
import dev.vigil.spi.RecordQuery;
import dev.vigil.spi.RecordStore;
import dev.vigil.spi.Rollup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The append-only area. Each stream keeps its records by id, in time order, and in time order per key (the main
 * query); tag filters are applied while walking one of those. A stream holds at most {@code perStream} records: the
 * oldest go first. Records do not take part in subject writes, so this area has its own lock (its monitor).
 */
final class MemoryRecordStore implements RecordStore {
    /** Time order, then id: the order of {@link RecordQuery#before()} paging. */
    private static final Comparator<AppendedRecord> BY_TIME = Comparator.comparing(AppendedRecord::at)
            .thenComparing(AppendedRecord::id);

    private static final class Stream {
        final Map<String, AppendedRecord> byId = new HashMap<>();
        final TreeSet<AppendedRecord> byTime = new TreeSet<>(BY_TIME);
        final Map<String, TreeSet<AppendedRecord>> byKey = new HashMap<>();
        /** Key → bucket → sums. */
        final Map<String, TreeMap<Instant, Map<String, Double>>> rollups = new HashMap<>();
        long rollupUpserts;

        void remove(AppendedRecord r) {
            byId.remove(r.id());
            byTime.remove(r);
            TreeSet<AppendedRecord> ofKey = byKey.get(r.key());
            ofKey.remove(r);
            if (ofKey.isEmpty()) {
                byKey.remove(r.key());
            }
        }
    }

    private final int perStream;
    private final Map<String, Stream> streams = new HashMap<>();

    MemoryRecordStore(int perStream) {
        this.perStream = perStream;
    }

    private Stream stream(String name) {
        return streams.computeIfAbsent(name, n -> new Stream());
    }

    @Override
    public synchronized void append(List<AppendedRecord> records) {
        for (AppendedRecord r : records) {
            Stream s = stream(r.stream());
            if (s.byId.putIfAbsent(r.id(), r) != null) {
                continue;
            }
            s.byTime.add(r);
            s.byKey.computeIfAbsent(r.key(), k -> new TreeSet<>(BY_TIME)).add(r);
            while (s.byId.size() > perStream) {
                s.remove(s.byTime.first());
            }
        }
    }

    @Override
    public synchronized Optional<AppendedRecord> find(String stream, String id) {
        Stream s = streams.get(stream);
        return s == null ? Optional.empty() : Optional.ofNullable(s.byId.get(id));
    }

    @Override
    public synchronized List<AppendedRecord> query(RecordQuery q) {
        Stream s = streams.get(q.stream());
        NavigableSet<AppendedRecord> candidates = s == null ? null : q.key() == null ? s.byTime : s.byKey.get(q.key());
        if (candidates == null || candidates.isEmpty()) {
            return List.of();
        }
        // records in [from, to), newest first, starting below the previous page's last record
        AppendedRecord lowest = new AppendedRecord(q.stream(), "", "", q.from(), null, "");
        AppendedRecord upper = new AppendedRecord(q.stream(), "", "", q.to(), null, "");
        AppendedRecord before = q.before();
        if (before != null && BY_TIME.compare(before, upper) < 0) {
            if (BY_TIME.compare(before, lowest) <= 0) {
                return List.of();
            }
            upper = before;
        }
        NavigableSet<AppendedRecord> range = candidates.subSet(lowest, true, upper, false);
        List<AppendedRecord> out = new ArrayList<>(Math.min(q.limit(), 64));
        for (Iterator<AppendedRecord> it = range.descendingIterator(); it.hasNext() && out.size() < q.limit();) {
            AppendedRecord r = it.next();
            if (q.tag() == null || q.tag().equals(r.tag())) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public synchronized void addToRollup(String stream, String key, Instant bucket, Map<String, Double> sums) {
        Stream s = stream(stream);
        Map<String, Double> current = s.rollups.computeIfAbsent(key, k -> new TreeMap<>())
                .computeIfAbsent(bucket, b -> new HashMap<>());
        sums.forEach((name, value) -> current.merge(name, value, Double::sum));
        s.rollupUpserts++;
    }

    @Override
    public synchronized OptionalLong rollupUpserts(String stream) {
        Stream s = streams.get(stream);
        return OptionalLong.of(s == null ? 0 : s.rollupUpserts);
    }

    @Override
    public synchronized List<Rollup> rollups(String stream, String key, Instant from, Instant to) {
        Stream s = streams.get(stream);
        TreeMap<Instant, Map<String, Double>> buckets = s == null ? null : s.rollups.get(key);
        if (buckets == null) {
            return List.of();
        }
        List<Rollup> out = new ArrayList<>();
        buckets.subMap(from, true, to, false).forEach((bucket, sums) -> out.add(new Rollup(stream, key, bucket, sums)));
        return out;
    }

    @Override
    public synchronized int prune(String stream, Instant before) {
        Stream s = streams.get(stream);
        if (s == null) {
            return 0;
        }
        int pruned = 0;
        while (!s.byTime.isEmpty() && s.byTime.first().at().isBefore(before)) {
            s.remove(s.byTime.first());
            pruned++;
        }
        s.rollups.values().forEach(buckets -> buckets.headMap(before, false).clear());
        s.rollups.values().removeIf(Map::isEmpty);
        return pruned;
    }
}
