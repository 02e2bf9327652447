package dev.vigil.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A silence (maintenance window): while active, transitions of subjects whose labels match every matcher are kept in
 * state and history but not notified. Expiring a silence ends it now and keeps it for the record.
 */
public record Silence(
        String id,
        List<LabelMatcher> matchers,
        Instant startsAt,
        Instant endsAt,
        String createdBy,
        String comment,
        Instant createdAt) {

    public Silence {
        matchers = List.copyOf(matchers);
    }

    /** Active from {@code startsAt} (inclusive) until {@code endsAt} (exclusive). */
    public boolean isActive(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean matches(Map<String, String> labels) {
        return !matchers.isEmpty() && LabelMatcher.allMatch(matchers, labels);
    }

    public Silence expiredAt(Instant now) {
        return new Silence(id, matchers, startsAt, now.isBefore(startsAt) ? startsAt : now, createdBy, comment,
                createdAt);
    }
}
