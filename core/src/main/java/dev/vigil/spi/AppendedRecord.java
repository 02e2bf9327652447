package dev.vigil.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A record a kind keeps over time in the append-only area: an ingested event, a metric sample, an occurrence.
 *
 * @param stream what it is, e.g. {@code event}, {@code sample} (a kind's own name space)
 * @param id     unique within the stream
 * @param key    what it belongs to (an entity, an app), the main query key
 * @param at     its time
 * @param tag    one more indexed attribute (an event type, a metric name), or null
 * @param body   the kind's encoding (JSON text), not read by the store
 */
public record AppendedRecord(String stream, String id, String key, Instant at, @Nullable String tag, String body) {
}
