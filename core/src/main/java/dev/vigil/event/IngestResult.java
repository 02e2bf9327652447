package dev.vigil.event;

import java.util.List;

/** What an ingest did: one report per entity the event reached, each with its status. */
public record IngestResult(int reportCount, List<Report> reports) {
    public IngestResult {
        reports = List.copyOf(reports);
    }

    /** The status of one report. */
    public enum Status {
        OK, INVALID_ENTITY_TYPE, INVALID_METADATA, INVALID_TIMESTAMPS
    }

    /**
     * One report.
     *
     * @param correlationId 16 hex digits
     * @param eventId       the stored event's id, null when the report was not OK
     * @param entityId      the entity it is about
     */
    public record Report(String correlationId, Status status, @org.jspecify.annotations.Nullable String eventId,
            String entityId) {
    }
}
