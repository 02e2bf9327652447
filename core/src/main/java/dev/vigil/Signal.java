package dev.vigil;

import java.time.Instant;
import java.util.Map;

/**
 * Something pushed to Vigil, as a flat map of fields with its source and time. Every accepted push becomes one; hosts
 * can observe them all with {@link Vigil.Builder#onSignal}. For a push monitor's push the fields are {@code monitor_id},
 * {@code monitor_name}, {@code status} and {@code message} when given, and the payload's own fields (e.g.
 * {@code details.files_backed_up}).
 */
public record Signal(Source source, Instant at, Map<String, String> fields) {

    /** Where a signal came from. */
    public enum Source {
        PUSH
    }

    public Signal {
        fields = Map.copyOf(fields);
    }
}
