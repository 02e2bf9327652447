package dev.vigil.heartbeat;

import dev.vigil.model.Text;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a heartbeat expects: a signal whose fields equal every field of {@code pattern}, at least once per
 * {@code expectedInterval}. With a quorum ({@code minSources} above 1), at least that many distinct values of
 * {@code sourceField} must have matched within the interval.
 *
 * <pre>{@code
 * HeartbeatSpec spec = HeartbeatSpec.builder()
 *         .field("connector", "c1").field("connector_name", "connector1")
 *         .expectedInterval("10s")
 *         .build();
 * }</pre>
 *
 * @param pattern          field name to value, compared for exact equality; sorted by field name
 * @param expectedInterval the interval as given, Canopsis' way: a whole number and one unit {@code s}, {@code m} or
 *                         {@code h} ({@code 10s}, {@code 15m}, {@code 1h})
 * @param minSources       how many distinct values of {@code sourceField} must match within the interval (1: any
 *                         match)
 * @param sourceField      the field whose distinct values count towards {@code minSources}; null without a quorum
 */
public record HeartbeatSpec(
        SortedMap<String, String> pattern,
        String expectedInterval,
        int minSources,
        @Nullable String sourceField) {

    /** Most fields a pattern may have. */
    public static final int MAX_FIELDS = 32;
    /** Longest field name or value. */
    public static final int MAX_LENGTH = 500;
    /** Largest {@code minSources}. */
    public static final int MAX_SOURCES = 1000;
    /** Longest interval: 366 days. */
    public static final Duration MAX_INTERVAL = Duration.ofDays(366);
    private static final Pattern INTERVAL = Pattern.compile("([0-9]+)([smh])");

    public HeartbeatSpec {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(expectedInterval, "expectedInterval");
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("a heartbeat pattern needs at least one field");
        }
        if (pattern.size() > MAX_FIELDS) {
            throw new IllegalArgumentException("a heartbeat pattern has at most " + MAX_FIELDS + " fields, got "
                    + pattern.size());
        }
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : pattern.entrySet()) {
            checkField(e.getKey(), e.getValue());
            copy.put(e.getKey(), e.getValue());
        }
        pattern = Collections.unmodifiableSortedMap(copy);
        parseInterval(expectedInterval);
        if (minSources < 1 || minSources > MAX_SOURCES) {
            throw new IllegalArgumentException("minSources must be between 1 and " + MAX_SOURCES + ", got "
                    + minSources);
        }
        if (sourceField != null && (sourceField.isEmpty() || sourceField.length() > MAX_LENGTH
                || !Text.isStorable(sourceField))) {
            throw new IllegalArgumentException("sourceField must be 1 to " + MAX_LENGTH + " characters");
        }
        if (minSources > 1 && sourceField == null) {
            throw new IllegalArgumentException("minSources " + minSources + " needs a sourceField whose distinct"
                    + " values are counted (e.g. component)");
        }
        if (minSources == 1) {
            sourceField = null; // one source of any value: the plain heartbeat
        }
    }

    private static void checkField(@Nullable String name, @Nullable String value) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || !Text.isStorable(name)) {
            throw new IllegalArgumentException("a pattern's field names must be 1 to " + MAX_LENGTH + " characters");
        }
        if (value == null) {
            throw new IllegalArgumentException("the pattern's field '" + Text.forLog(name) + "' needs a value");
        }
        if (value.length() > MAX_LENGTH || !Text.isStorable(value)) {
            throw new IllegalArgumentException("the pattern's field '" + Text.forLog(name) + "' has a value longer"
                    + " than " + MAX_LENGTH + " characters or one that cannot be stored");
        }
    }

    /**
     * Reads an interval as Canopsis validates it: {@code ^[0-9]+(s|m|h)$}, more than zero, at most 366 days.
     *
     * @throws IllegalArgumentException for {@code 1h30m}, {@code 500ms}, {@code 2d}, {@code 10}, {@code 0s}, ...
     */
    public static Duration parseInterval(String text) {
        Objects.requireNonNull(text, "expectedInterval");
        Matcher m = INTERVAL.matcher(text);
        if (!m.matches() || m.group(1).length() > 12) {
            throw new IllegalArgumentException("expectedInterval must be a whole number and one unit s, m or h"
                    + " (10s, 15m, 1h), got '" + Text.forLog(text.length() > 40 ? text.substring(0, 40) : text)
                    + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(Math.min(n, MAX_INTERVAL.toMinutes() + 1));
            default -> Duration.ofHours(Math.min(n, MAX_INTERVAL.toHours() + 1));
        };
        if (d.isZero()) {
            throw new IllegalArgumentException("expectedInterval must be more than zero, got '" + text + "'");
        }
        if (d.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("expectedInterval must be at most 366 days, got '" + text + "'");
        }
        return d;
    }

    /** The interval as a duration. */
    public Duration interval() {
        return parseInterval(expectedInterval);
    }

    /**
     * The resource of the heartbeat's alarm, as Canopsis names it: the pattern's {@code key:value} pairs in key
     * order, joined by {@code .}.
     */
    public String resource() {
        StringBuilder b = new StringBuilder();
        pattern.forEach((k, v) -> {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(k).append(':').append(v);
        });
        return b.toString();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A heartbeat on {@code pattern}, expected every {@code expectedInterval} ({@code 10s}, {@code 15m}, ...). */
    public static HeartbeatSpec of(Map<String, String> pattern, String expectedInterval) {
        return builder().pattern(pattern).expectedInterval(expectedInterval).build();
    }

    /** Builds a spec; setters check their argument at once, {@link #build()} the whole. */
    public static final class Builder {
        private final TreeMap<String, String> pattern = new TreeMap<>();
        private @Nullable String expectedInterval;
        private int minSources = 1;
        private @Nullable String sourceField;

        private Builder() {
        }

        /** Adds one field to the pattern. */
        public Builder field(String name, String value) {
            checkField(name, value);
            if (pattern.size() >= MAX_FIELDS && !pattern.containsKey(name)) {
                throw new IllegalArgumentException("a heartbeat pattern has at most " + MAX_FIELDS + " fields");
            }
            pattern.put(name, value);
            return this;
        }

        /** Replaces the pattern. */
        public Builder pattern(Map<String, String> fields) {
            Objects.requireNonNull(fields, "pattern");
            pattern.clear();
            fields.forEach(this::field);
            return this;
        }

        /** {@code 10s}, {@code 15m}, {@code 1h}: kept as given. */
        public Builder expectedInterval(String interval) {
            parseInterval(interval);
            this.expectedInterval = interval;
            return this;
        }

        /** A whole number of seconds, written in the largest unit that divides it ({@code 90s}, {@code 15m}). */
        public Builder expectedInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.getNano() != 0 || interval.isNegative()) {
                throw new IllegalArgumentException("expectedInterval must be a whole number of seconds, got "
                        + interval);
            }
            long s = interval.getSeconds();
            String text = s != 0 && s % 3600 == 0 ? s / 3600 + "h" : s != 0 && s % 60 == 0 ? s / 60 + "m" : s + "s";
            return expectedInterval(text);
        }

        /**
         * N-of-M quorum: alert when fewer than {@code minSources} distinct values of {@code sourceField} matched
         * within the interval (e.g. 3 and {@code component}).
         */
        public Builder quorum(int minSources, String sourceField) {
            Objects.requireNonNull(sourceField, "sourceField");
            if (minSources < 1 || minSources > MAX_SOURCES) {
                throw new IllegalArgumentException("minSources must be between 1 and " + MAX_SOURCES + ", got "
                        + minSources);
            }
            this.minSources = minSources;
            this.sourceField = sourceField;
            return this;
        }

        public HeartbeatSpec build() {
            if (expectedInterval == null) {
                throw new IllegalArgumentException("expectedInterval is required (10s, 15m, 1h)");
            }
            return new HeartbeatSpec(pattern, expectedInterval, minSources, sourceField);
        }
    }
}
