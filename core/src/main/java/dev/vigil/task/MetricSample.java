package dev.vigil.task;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One sample of an app metric. Counts ({@code http_requests}, {@code http_5xx}) add up within a minute; memory is
 * averaged per dyno.
 *
 * @param dyno the dyno, e.g. {@code web.1} (its type is the part before the first dot); required for
 *             {@code memory_mb}
 * @param at   when it was measured; null for now
 */
public record MetricSample(Metric metric, double value, @Nullable String dyno, @Nullable Instant at) {
    private static final Pattern DYNO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public MetricSample {
        Objects.requireNonNull(metric, "metric");
        if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
            throw new IllegalArgumentException("value: must be a number of at least 0, got " + value);
        }
        if (dyno != null && dyno.isBlank()) {
            dyno = null;
        }
        if (dyno != null && !DYNO.matcher(dyno).matches()) {
            throw new IllegalArgumentException("dyno: must be a dyno name such as web.1, got '"
                    + dev.vigil.model.Text.forLog(dyno.length() > 80 ? dyno.substring(0, 80) + "..." : dyno) + "'");
        }
        if (metric == Metric.MEMORY_MB && dyno == null) {
            throw new IllegalArgumentException("dyno: is required for memory_mb (e.g. web.1)");
        }
    }

    public static MetricSample of(Metric metric, double value, @Nullable String dyno) {
        return new MetricSample(metric, value, dyno, null);
    }
}
