package dev.vigil.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Records of one stream in {@code [from, to)}, optionally of one key and one tag, newest first, at most
 * {@code limit}; {@code before} continues a previous page (records strictly older, or as old with a smaller id).
 */
public record RecordQuery(String stream, @Nullable String key, @Nullable String tag, Instant from, Instant to,
        @Nullable AppendedRecord before, int limit) {

    public RecordQuery {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000, got " + limit);
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to must not be before from");
        }
    }
}
