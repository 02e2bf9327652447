package dev.vigil.internal;

import dev.vigil.kind.Change;
import dev.vigil.kind.Codec;
import dev.vigil.kind.Outcome;
import dev.vigil.kind.SubjectKind;
import dev.vigil.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Problems (wire name {@code problem}): opened by a problem-opening event on one entity, extended by the same event
 * type and title on that entity while open (unless merging is off), closed by the evaluator exactly at their end.
 * Opening and closing are transitions that notify, routable by the labels {@code entity_type},
 * {@code entity_id}, {@code entity_name}, {@code event_type}, {@code severity_level}, {@code tag.<key>} and
 * {@code property.<key>}.
 */
public final class ProblemKind implements SubjectKind<ProblemKind.Spec, ProblemKind.State> {
    public static final String NAME = "problem";
    public static final ProblemKind INSTANCE = new ProblemKind();
    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";
    static final String ENTITY_LABEL = "entity_id";
    static final String MERGE_LABEL = "merge_key";
    /** Evidence kept per problem: the newest events. */
    static final int MAX_EVIDENCE = 100;

    private static final Codec<Spec> SPEC = Codec.json(Spec.class);
    private static final Codec<State> STATE = Codec.json(State.class);

    /**
     * What the problem is about; fixed when it opens.
     *
     * @param mergeKey null when the opening event refused merging
     * @param labels   routing labels beyond the fixed ones: the entity's tags and the event's properties
     */
    public record Spec(String displayId, String entityId, String entityType, String entityName, String eventType,
            String title, String severityLevel, @Nullable String mergeKey, Map<String, String> labels) {
        public Spec {
            labels = Map.copyOf(labels);
        }
    }

    /** One event of the problem. */
    public record Evidence(String eventId, long startMs, long endMs) {
    }

    /**
     * @param endMs    the planned end (latest end of its events)
     * @param closedMs when it closed (its end), null while open
     */
    public record State(String status, long startMs, long endMs, @Nullable Long closedMs, List<Evidence> events) {
        public State {
            events = List.copyOf(events);
        }

        State extendedBy(Evidence e) {
            List<Evidence> ev = new ArrayList<>(events);
            ev.add(e);
            if (ev.size() > MAX_EVIDENCE) {
                ev.remove(0);
            }
            return new State(status, startMs, Math.max(endMs, e.endMs()), closedMs, ev);
        }
    }

    private ProblemKind() {
    }

    /** A new problem opened by its first event at {@code start}. */
    static Outcome<State> open(Spec spec, Evidence first) {
        State s = new State(OPEN, first.startMs(), first.endMs(), null, List.of(first));
        return Outcome.of(s, Change.of("NONE", OPEN, severity(spec), spec.title() + " on " + spec.entityName()
                + " (" + spec.eventType() + ")"));
    }

    private static Severity severity(Spec spec) {
        return spec.severityLevel().equals("AVAILABILITY") || spec.severityLevel().equals("ERROR") ? Severity.CRITICAL
                : Severity.WARNING;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Codec<Spec> specCodec() {
        return SPEC;
    }

    @Override
    public Codec<State> stateCodec() {
        return STATE;
    }

    @Override
    public String displayName(String key, Spec spec) {
        return key;
    }

    @Override
    public String status(Spec spec, State state) {
        return state.status();
    }

    @Override
    public @Nullable Instant nextDue(Spec spec, State state) {
        return state.status().equals(OPEN) ? Instant.ofEpochMilli(state.endMs()) : null;
    }

    @Override
    public Outcome<State> onDue(String key, Spec spec, State state, Instant now) {
        if (!state.status().equals(OPEN) || now.toEpochMilli() < state.endMs()) {
            return Outcome.of(state);
        }
        State closed = new State(CLOSED, state.startMs(), state.endMs(), state.endMs(), state.events());
        return Outcome.of(closed, Change.of(OPEN, CLOSED, Severity.RESOLVED, spec.title() + " on "
                + spec.entityName() + " ended at " + Instant.ofEpochMilli(state.endMs())));
    }

    @Override
    public Duration period(Spec spec) {
        return Duration.ZERO;
    }

    /** A problem's end is the events' own end: a gap in Vigil's evaluation does not move it. */
    @Override
    public State afterGap(Spec spec, State state, Instant gapEnd) {
        return state;
    }

    @Override
    public Map<String, String> labels(String key, Spec spec, State state) {
        Map<String, String> l = new LinkedHashMap<>(spec.labels());
        l.put(ENTITY_LABEL, spec.entityId());
        l.put("entity_type", spec.entityType());
        l.put("entity_name", spec.entityName());
        l.put("event_type", spec.eventType());
        l.put("severity_level", spec.severityLevel());
        l.put("display_id", spec.displayId());
        if (spec.mergeKey() != null) {
            l.put(MERGE_LABEL, spec.mergeKey());
        }
        return l;
    }

    @Override
    public String linkPath(String key) {
        return "/api/v2/problems/" + key;
    }
}
