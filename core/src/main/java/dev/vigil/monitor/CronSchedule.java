package dev.vigil.monitor;

import dev.vigil.model.Text;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A 5-field Unix cron schedule (plus {@code @hourly}, {@code @daily}, ...), evaluated in a time zone.
 * Parsing and iteration are cron-utils'; this class adds the macros and the DST rules below.
 */
public final class CronSchedule {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    private final ExecutionTime execution;

    private CronSchedule(Cron cron) {
        this.execution = ExecutionTime.forCron(cron);
    }

    /** Parsed schedules by expression: monitors re-read theirs on every push. */
    private static final Cache<String, CronSchedule> CACHE = Caffeine.newBuilder().maximumSize(10_000).build();

    /** Parses a schedule, throwing {@link IllegalArgumentException} that says what is wrong. */
    public static CronSchedule parse(String expression) {
        CronSchedule cached = CACHE.getIfPresent(expression);
        if (cached == null) {
            cached = doParse(expression);
            CACHE.put(expression, cached);
        }
        return cached;
    }

    private static CronSchedule doParse(String expression) {
        String expr = expression.trim();
        String expanded = MACROS.getOrDefault(expr.toLowerCase(Locale.ROOT), expr);
        if (expanded.split("\\s+").length != 5) {
            throw new IllegalArgumentException("schedule '" + Text.forLog(expression)
                    + "' must have 5 fields (minute hour day-of-month month day-of-week) or be a macro such as @daily");
        }
        try {
            return new CronSchedule(PARSER.parse(expanded).validate());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schedule '" + Text.forLog(expression) + "' is not a valid cron expression: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The first run strictly after {@code after}, in wall-clock time of {@code zone}. Iteration happens on
     * local date-times (cron-utils sees no DST); mapping back to an instant follows Vixie cron: a run whose
     * local time does not exist (spring forward) happens when the gap ends, and a run whose local time
     * occurs twice (fall back) happens once, at its first occurrence.
     */
    public Instant nextRunAfter(Instant after, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(after, zone);
        for (int guard = 0; guard < 10_000; guard++) {
            Optional<ZonedDateTime> next = execution.nextExecution(local.atZone(ZoneOffset.UTC));
            if (next.isEmpty()) {
                break;
            }
            local = next.get().toLocalDateTime();
            Instant candidate = toInstant(local, zone);
            if (candidate.isAfter(after)) {
                return candidate;
            }
        }
        throw new IllegalStateException("schedule has no run after " + after);
    }

    private static Instant toInstant(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) { // in a gap: run when it ends
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant();
        }
        return local.toInstant(offsets.get(0)); // earlier offset = first occurrence
    }
}
