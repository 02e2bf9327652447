package dev.vigil.internal;

import dev.vigil.heartbeat.Heartbeat;
import dev.vigil.heartbeat.HeartbeatSpec;
import dev.vigil.kind.Change;
import dev.vigil.kind.Outcome;
import dev.vigil.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The rules of heartbeats, as pure functions of (spec, state, matches, now).
 *
 * <p>A heartbeat is due when its interval passed since the later of its anchor (creation or gap end) and the
 * {@code minSources}-th most recent match (the latest match without a quorum); then it alerts. A match (or, with a
 * quorum, enough distinct sources within the interval) resolves an alert.
 */
final class HeartbeatLogic {
    /** Label prefix of the Canopsis-shaped alarm fields a transition carries. */
    static final String ALARM = "alarm.";

    private HeartbeatLogic() {
    }

    /** Matches of one heartbeat collected since the last write: the latest time, and per source value. */
    record Matches(long lastAt, long count, Map<String, Long> sources) {
    }

    static @Nullable Instant nextDue(HeartbeatSpec spec, HeartbeatState s) {
        if (s.status().equals(Heartbeat.ALERT)) {
            return null; // nothing happens until a match
        }
        Long nth = nthLatest(spec, s);
        long from = nth == null ? s.anchor() : Math.max(s.anchor(), nth);
        return Instant.ofEpochMilli(from + spec.interval().toMillis() + 1); // strictly after the interval
    }

    /** The time of the {@code minSources}-th most recent distinct source, or null with fewer. */
    private static @Nullable Long nthLatest(HeartbeatSpec spec, HeartbeatState s) {
        if (spec.minSources() == 1) {
            return s.lastMatchAt();
        }
        if (s.sources().size() < spec.minSources()) {
            return null;
        }
        List<Long> times = new ArrayList<>(s.sources().values());
        times.sort((a, b) -> Long.compare(b, a));
        return times.get(spec.minSources() - 1);
    }

    static Outcome<HeartbeatState> onDue(HeartbeatSpec spec, HeartbeatState s, Instant now) {
        Instant due = nextDue(spec, s);
        if (due == null || due.isAfter(now)) {
            return Outcome.of(s);
        }
        String reason = spec.minSources() == 1
                ? "no matching signal for " + spec.expectedInterval()
                : recent(spec, s, now.toEpochMilli()) + " of " + spec.minSources() + " sources (" + spec.sourceField()
                        + ") matched within " + spec.expectedInterval();
        HeartbeatState alert = new HeartbeatState(Heartbeat.ALERT, s.anchor(), s.lastMatchAt(),
                prune(spec, s.sources(), now.toEpochMilli()), s.matches());
        return Outcome.of(alert, Change.of(Heartbeat.OK, Heartbeat.ALERT, Severity.CRITICAL, reason)
                .withLabels(alarm(spec, 3, reason)));
    }

    /** Writes coalesced matches; resolves an alert when the heartbeat is satisfied again. */
    static Outcome<HeartbeatState> onMatches(HeartbeatSpec spec, HeartbeatState s, Matches m, Instant now) {
        long nowMs = now.toEpochMilli();
        long last = s.lastMatchAt() == null ? m.lastAt() : Math.max(s.lastMatchAt(), m.lastAt());
        Map<String, Long> sources = s.sources();
        if (spec.minSources() > 1 && !m.sources().isEmpty()) {
            Map<String, Long> merged = new HashMap<>(s.sources());
            m.sources().forEach((v, t) -> merged.merge(v, t, Math::max));
            sources = prune(spec, merged, nowMs);
        }
        HeartbeatState next = new HeartbeatState(s.status(), s.anchor(), last, sources, s.matches() + m.count());
        if (!s.status().equals(Heartbeat.ALERT)) {
            return Outcome.of(next);
        }
        int recent = spec.minSources() == 1 ? 1 : recent(spec, next, nowMs);
        if (recent < spec.minSources()) {
            return Outcome.of(next); // still too few sources
        }
        String reason = spec.minSources() == 1 ? "a matching signal arrived"
                : recent + " of " + spec.minSources() + " sources (" + spec.sourceField() + ") matched within "
                        + spec.expectedInterval();
        // the interval counts from now on; the anchor is only the grace of a new heartbeat or after a gap
        HeartbeatState ok = new HeartbeatState(Heartbeat.OK, s.anchor(), last, sources, next.matches());
        return Outcome.of(ok, Change.of(Heartbeat.ALERT, Heartbeat.OK, Severity.RESOLVED, reason)
                .withLabels(alarm(spec, 0, reason)));
    }

    static HeartbeatState afterGap(HeartbeatState s, Instant gapEnd) {
        return new HeartbeatState(s.status(), Math.max(s.anchor(), gapEnd.toEpochMilli()), s.lastMatchAt(),
                s.sources(), s.matches());
    }

    /** Distinct sources that matched within the interval before {@code now}. */
    static int recent(HeartbeatSpec spec, HeartbeatState s, long now) {
        long from = now - spec.interval().toMillis();
        int n = 0;
        for (long t : s.sources().values()) {
            if (t >= from) {
                n++;
            }
        }
        return n;
    }

    /** Keeps the sources that can still count, at most {@code MAX_SOURCES} of the newest. */
    private static Map<String, Long> prune(HeartbeatSpec spec, Map<String, Long> sources, long now) {
        if (sources.isEmpty()) {
            return sources;
        }
        long from = now - spec.interval().toMillis();
        List<Map.Entry<String, Long>> keep = new ArrayList<>();
        for (Map.Entry<String, Long> e : sources.entrySet()) {
            if (e.getValue() >= from) {
                keep.add(e);
            }
        }
        if (keep.size() > HeartbeatSpec.MAX_SOURCES) {
            keep.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
            keep = keep.subList(0, HeartbeatSpec.MAX_SOURCES);
        }
        Map<String, Long> out = new HashMap<>();
        keep.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The transition's alarm fields, shaped like the alarm Canopsis raises for a heartbeat. */
    static Map<String, String> alarm(HeartbeatSpec spec, int state, String output) {
        return Map.of(ALARM + "connector", "heartbeat", ALARM + "connector_name", "heartbeat",
                ALARM + "component", "heartbeats", ALARM + "resource", spec.resource(),
                ALARM + "state", Integer.toString(state), ALARM + "output", output);
    }
}
