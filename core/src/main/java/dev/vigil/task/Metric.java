package dev.vigil.task;

import java.util.Optional;

/** The app metrics tasks read. */
public enum Metric {
    /** Requests served (a count): the denominator of a 5xx task's error rate. */
    HTTP_REQUESTS("http_requests"),
    /** Responses with a 5xx status (a count): what a 5xx task counts. */
    HTTP_5XX("http_5xx"),
    /** A dyno's memory use in MB (a gauge): what a memory task averages. */
    MEMORY_MB("memory_mb");

    private final String wireName;

    Metric(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Metric> parse(String wireName) {
        for (Metric m : values()) {
            if (m.wireName.equals(wireName)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
