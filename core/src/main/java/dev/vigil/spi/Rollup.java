package dev.vigil.spi;

import java.time.Instant;
import java.util.Map;

/** Sums over one time bucket (e.g. one minute) of one stream and key: metric roll-ups. */
public record Rollup(String stream, String key, Instant bucket, Map<String, Double> sums) {
    public Rollup {
        sums = Map.copyOf(sums);
    }
}
