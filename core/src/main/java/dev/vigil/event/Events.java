package dev.vigil.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Events (seed 001): ingest, query, and the problems problem-opening events open. Obtained from
 * {@code vigil.events()}. Thread-safe. Events are kept for {@link #retention()} (default 30 days).
 */
public interface Events {
    /** The largest page of events. */
    int MAX_PAGE_SIZE = 1000;
    /** Queries look at no more than this many events (the newest) of their time frame. */
    int MAX_SCANNED = 10_000;

    /**
     * Ingests an event: one report per matched active entity (the environment when the selector matches none or is
     * missing), each validated on its own; problem-opening types open or extend a problem.
     *
     * @throws InvalidEventException if the entity selector is malformed (path {@code entitySelector})
     */
    IngestResult ingest(EventIngest event);

    Optional<Event> find(String eventId);

    /** Events whose start lies in the query's time frame, newest first. */
    Page<Event> query(Query query);

    Optional<Problem> problem(String problemId);

    /** Problems overlapping the time frame, newest first. */
    Page<Problem> problems(ProblemQuery query);

    /** How long events are kept. */
    Duration retention();

    /**
     * An event query.
     *
     * @param eventSelector  Dynatrace's event selector: {@code eventType(…)}, {@code status(OPEN|CLOSED)},
     *                       {@code correlationId(…)}, {@code eventId(…)}, {@code entityId(…)},
     *                       {@code property.<key>(…)}, comma-separated (AND); null for all
     * @param entitySelector only events on the entities it matches (whatever their activity); null for all
     * @param offset         how many matching events to skip (paging)
     */
    record Query(Instant from, Instant to, @Nullable String eventSelector, @Nullable String entitySelector,
            int pageSize, int offset) {
        public Query {
            if (to.isBefore(from)) {
                throw new InvalidEventException("to", "must not be before from");
            }
            if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
                throw new InvalidEventException("pageSize", "must be between 1 and " + MAX_PAGE_SIZE);
            }
            if (offset < 0) {
                throw new InvalidEventException("nextPageKey", "is not valid");
            }
        }
    }

    /**
     * A problem query.
     *
     * @param problemSelector {@code status(OPEN|CLOSED)}; null for all
     */
    record ProblemQuery(Instant from, Instant to, @Nullable String problemSelector, @Nullable String entitySelector,
            int pageSize, int offset) {
        public ProblemQuery {
            if (to.isBefore(from)) {
                throw new InvalidEventException("to", "must not be before from");
            }
            if (pageSize < 1 || pageSize > 500) {
                throw new InvalidEventException("pageSize", "must be between 1 and 500");
            }
            if (offset < 0) {
                throw new InvalidEventException("nextPageKey", "is not valid");
            }
        }
    }

    /** One page: the total of matches, this page's items, and whether more follow. */
    record Page<T>(int totalCount, List<T> items, boolean more) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
