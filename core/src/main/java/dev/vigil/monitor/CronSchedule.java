package dev.vigil.monitor;

import dev.vigil.model.Text;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.DateTimeException;
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
        CronSchedule parsed;
        try {
            parsed = new CronSchedule(PARSER.parse(expanded).validate());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schedule '" + Text.forLog(expression) + "' is not a valid cron expression: "
                    + e.getMessage(), e);
        }
        if (!parsed.fires()) {
            throw new IllegalArgumentException("schedule '" + Text.forLog(expression) + "' never runs: no date matches "
                    + "its day of month and month (such as February 30 or April 31)");
        }
        return parsed;
    }

    /** Reference points for {@link #fires()}: a leap year's start, and a year whose next Feb 29 is 3 years away. */
    private static final List<LocalDateTime> REFERENCES = List.of(LocalDateTime.of(2000, 1, 1, 0, 0),
            LocalDateTime.of(2025, 3, 1, 0, 0));
    /** Long enough for any date that exists at all (Feb 29 comes at least every 8 years). */
    private static final int HORIZON_YEARS = 9;

    /**
     * True when the schedule runs at all. A cron expression is periodic, so one that finds no run within a few years
     * of these reference points (cron-utils gives up on such searches) never runs, e.g. {@code 0 0 30 2 *}.
     */
    private boolean fires() {
        for (LocalDateTime ref : REFERENCES) {
            Optional<LocalDateTime> next = nextLocal(ref);
            if (next.isEmpty() || next.get().isAfter(ref.plusYears(HORIZON_YEARS))) {
                return false;
            }
        }
        return true;
    }

    /** The next local run strictly after {@code local}, empty when there is none (or it is beyond year 999999999). */
    private Optional<LocalDateTime> nextLocal(LocalDateTime local) {
        try {
            return execution.nextExecution(local.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toLocalDateTime);
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * The first run strictly after {@code after}, in wall-clock time of {@code zone}. Iteration happens on
     * local date-times (cron-utils sees no DST); mapping back to an instant follows Vixie cron: a run whose
     * local time does not exist (spring forward) happens when the gap ends, and a run whose local time
     * occurs twice (fall back) happens once, at its first occurrence. Empty only past the end of representable
     * time, since {@link #parse} refuses schedules that never run.
     */
    public Optional<Instant> nextRunAfter(Instant after, ZoneId zone) {
        LocalDateTime local;
        try {
            local = LocalDateTime.ofInstant(after, zone);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        for (int guard = 0; guard < 10_000; guard++) {
            Optional<LocalDateTime> next = nextLocal(local);
            if (next.isEmpty()) {
                break;
            }
            local = next.get();
            Instant candidate = toInstant(local, zone);
            if (candidate.isAfter(after)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty(); // parse() refuses schedules that never run; this is the end of time
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
