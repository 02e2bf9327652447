package dev.vigil.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The append-only area: records kinds keep over time (ingested events, metric samples, occurrences) and per-bucket
 * roll-ups. Bounded by retention ({@link #prune}); a memory store also bounds each stream by count.
 */
public interface RecordStore {

    /** Appends records; a record whose stream and id exist already is ignored. */
    void append(List<AppendedRecord> records);

    Optional<AppendedRecord> find(String stream, String id);

    List<AppendedRecord> query(RecordQuery query);

    /** Adds {@code sums} to the bucket's sums, creating the bucket when missing (an upsert). */
    void addToRollup(String stream, String key, Instant bucket, Map<String, Double> sums);

    /** Buckets of one stream and key in {@code [from, to)}, oldest first. */
    List<Rollup> rollups(String stream, String key, Instant from, Instant to);

    /**
     * Buckets in {@code [from, to)} of several keys of one stream, by key, each oldest first; keys without buckets
     * are absent. The task evaluator reads the recent minutes of every app it watches with one such call a minute, so
     * a store should answer it with one query; this default asks key by key.
     */
    default Map<String, List<Rollup>> rollupsOf(String stream, Collection<String> keys, Instant from, Instant to) {
        Map<String, List<Rollup>> out = new HashMap<>();
        for (String key : keys) {
            List<Rollup> buckets = rollups(stream, key, from, to);
            if (!buckets.isEmpty()) {
                out.put(key, buckets);
            }
        }
        return out;
    }

    /**
     * How many roll-up upserts ({@link #addToRollup} calls) the stream has taken, a count that only grows; empty when
     * the store does not keep one. A writer that knows its own count learns from it that nobody else wrote, and need
     * not read back its own sums: an in-memory store should keep it, a database shared by several instances need not.
     */
    default OptionalLong rollupUpserts(String stream) {
        return OptionalLong.empty();
    }

    /** Deletes records and buckets of the stream older than {@code before}; returns how many records went. */
    int prune(String stream, Instant before);
}
