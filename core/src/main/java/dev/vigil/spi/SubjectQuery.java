package dev.vigil.spi;

import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A filter over one kind's subjects, with keyset paging by key.
 *
 * @param kind         the kind's wire name
 * @param labels       each label must have one of the given values
 * @param labelPrefixes each label must start with the given prefix (e.g. a service path prefix)
 * @param statuses     the status must be one of these; empty for any
 * @param afterKey     only keys greater than this (the last key of the previous page); null for the first page
 * @param limit        at most this many (1..10,000)
 */
public record SubjectQuery(
        String kind,
        Map<String, Set<String>> labels,
        Map<String, String> labelPrefixes,
        Set<String> statuses,
        @Nullable String afterKey,
        int limit) {

    public static final int MAX_LIMIT = 10_000;

    public SubjectQuery {
        labels = Map.copyOf(labels);
        labels.values().forEach(v -> {
            if (v.isEmpty()) {
                throw new IllegalArgumentException("a label filter needs at least one value");
            }
        });
        labels = labels.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
        labelPrefixes = Map.copyOf(labelPrefixes);
        statuses = Set.copyOf(statuses);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }

    /** Every subject of the kind, first page of at most {@code limit}. */
    public static SubjectQuery all(String kind, int limit) {
        return new SubjectQuery(kind, Map.of(), Map.of(), Set.of(), null, limit);
    }

    public SubjectQuery after(String key) {
        return new SubjectQuery(kind, labels, labelPrefixes, statuses, key, limit);
    }

    /** True when a subject's labels and status pass the filters (the key bound aside). */
    public boolean matches(Map<String, String> subjectLabels, String status) {
        if (!statuses.isEmpty() && !statuses.contains(status)) {
            return false;
        }
        for (Map.Entry<String, Set<String>> f : labels.entrySet()) {
            String v = subjectLabels.get(f.getKey());
            if (v == null || !f.getValue().contains(v)) {
                return false;
            }
        }
        for (Map.Entry<String, String> f : labelPrefixes.entrySet()) {
            String v = subjectLabels.get(f.getKey());
            if (v == null || !v.startsWith(f.getValue())) {
                return false;
            }
        }
        return true;
    }
}
