package dev.vigil.internal;

import dev.vigil.kind.Change;
import dev.vigil.kind.Outcome;
import dev.vigil.model.Severity;
import dev.vigil.model.TransitionType;
import dev.vigil.task.TaskLevel;
import dev.vigil.task.TaskSpec;
import dev.vigil.task.Tolerance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The rules of seed 003's tasks as pure functions of (spec, state, observations, now). Observations are the window
 * totals {@link AppSamples} keeps incrementally; nothing here reads a store or a clock.
 */
final class TaskLogic {
    static final String LABEL_VALUE = "value";
    static final String LABEL_SIGMA = "sigma";
    static final String LABEL_DYNO = "dyno";
    static final String LABEL_ALERT_SINCE = "alert_since";

    private TaskLogic() {
    }

    /** Totals over a window: the sum of the values and how many samples. */
    record Totals(double sum, long count) {
        static final Totals NONE = new Totals(0, 0);
    }

    /** The next evaluation after one due at {@code due} and run at {@code now}: one period on, never in the past. */
    static long next(long due, Duration period, long now) {
        long p = period.toMillis();
        long next = due + p;
        return next > now ? next : now + p;
    }

    /**
     * A 5xx evaluation: the count against the running mean and standard deviation of all earlier evaluations, then
     * the count joins them (Welford). Only a count above the mean alerts: fewer errors than usual is no alert.
     */
    static Outcome<TaskState> fiveXx(TaskSpec spec, TaskState s, Totals errors, Totals requests, Instant now) {
        long t = now.toEpochMilli();
        double count = errors.sum();
        double sigma = sigma(s.n(), s.mean(), s.stddev(), count);
        Tolerance tol = spec.tolerance() == null ? Tolerance.MEDIUM : spec.tolerance();
        TaskLevel level = sigma > tol.criticalSigma() ? TaskLevel.CRITICAL
                : sigma >= Tolerance.WARNING_SIGMA ? TaskLevel.WARNING : TaskLevel.OK;
        long n = s.n() + 1;
        double delta = count - s.mean();
        double mean = s.mean() + delta / n;
        double m2 = s.m2() + delta * (count - mean);
        Double rate = requests.sum() > 0 ? errors.sum() / requests.sum() : null;
        long nextAt = next(s.nextAt() == null ? t : s.nextAt(), TaskSpec.FIVE_XX_EVERY, t);
        List<Change> changes = new ArrayList<>(1);
        Long alertSince = s.alertSince();
        long since = s.since();
        if (level != s.level()) {
            Map<String, String> labels = new HashMap<>();
            labels.put(LABEL_VALUE, number(count));
            labels.put(LABEL_SIGMA, Double.isInfinite(sigma) ? "+Inf" : number(sigma));
            String reason = String.format(Locale.ROOT, "%s HTTP 5xx responses in the last 10m, %s above the mean %s of"
                    + " earlier windows (tolerance %s: warning from %.1f\u03c3, critical above %.1f\u03c3)",
                    number(count), Double.isInfinite(sigma) ? "while they never varied, so infinitely far"
                            : number(sigma) + "\u03c3", number(s.mean()), tol.wireName(), Tolerance.WARNING_SIGMA,
                    tol.criticalSigma());
            if (s.level() == TaskLevel.OK) {
                alertSince = t;
            }
            labels.put(LABEL_ALERT_SINCE, Long.toString(alertSince == null ? t : alertSince));
            if (level == TaskLevel.OK) {
                alertSince = null;
            }
            changes.add(change("", s.level(), level, reason, labels));
            since = t;
        }
        TaskState next = new TaskState(level, since, nextAt, alertSince, n, mean, m2, count,
                sigma, rate, Map.of(), t, s.occurrences());
        return new Outcome<>(next, changes);
    }

    /**
     * Standard deviations {@code count} is above the mean; with a deviation of 0, 0 when the count is not above the
     * mean and infinite (always CRITICAL) when it is. The first evaluation has nothing to compare with: 0.
     */
    static double sigma(long n, double mean, double stddev, double count) {
        if (n == 0) {
            return 0;
        }
        double above = count - mean;
        if (stddev == 0) {
            return above > 1e-9 ? Double.POSITIVE_INFINITY : 0;
        }
        return Math.max(0, above) / stddev;
    }

    /**
     * A memory evaluation: each dyno's mean over the window against warn and crit (strictly greater). Each dyno keeps
     * its own state and changes on its own (the change's aspect is the dyno); a dyno with no samples in the window is
     * dropped, resolving it if it was alerting.
     */
    static Outcome<TaskState> memory(TaskSpec spec, TaskState s, Map<String, Double> means, Instant now) {
        long t = now.toEpochMilli();
        double warn = spec.warn() == null ? Double.MAX_VALUE : spec.warn();
        double crit = spec.crit() == null ? Double.MAX_VALUE : spec.crit();
        Map<String, TaskState.Dyno> dynos = new TreeMap<>();
        List<Change> changes = new ArrayList<>();
        TaskLevel worst = TaskLevel.OK;
        Double highest = null;
        Long alertSince = s.alertSince();
        for (Map.Entry<String, Double> e : new TreeMap<>(means).entrySet()) {
            String dyno = e.getKey();
            double mean = e.getValue();
            TaskLevel level = mean > crit ? TaskLevel.CRITICAL : mean > warn ? TaskLevel.WARNING : TaskLevel.OK;
            TaskState.Dyno before = s.dynos().get(dyno);
            TaskLevel was = before == null ? TaskLevel.OK : before.level();
            long since = before == null || was != level ? t : before.since();
            if (was != level) {
                String reason = String.format(Locale.ROOT, "dyno %s used %s MB on average over the last %s (warn above"
                        + " %s MB, crit above %s MB)", dyno, number(mean), Durations.format(spec.window()),
                        TaskSpec.megabytes(warn), TaskSpec.megabytes(crit));
                changes.add(change(dyno, was, level, reason, dynoLabels(dyno, mean,
                        before == null || was == TaskLevel.OK ? t : before.since())));
            }
            dynos.put(dyno, new TaskState.Dyno(level, mean, since));
            worst = worst.worst(level);
            highest = highest == null ? mean : Math.max(highest, mean);
        }
        for (Map.Entry<String, TaskState.Dyno> gone : s.dynos().entrySet()) {
            if (!means.containsKey(gone.getKey()) && gone.getValue().level() != TaskLevel.OK) {
                changes.add(change(gone.getKey(), gone.getValue().level(), TaskLevel.OK, "dyno " + gone.getKey()
                        + " sent no memory samples in the last " + Durations.format(spec.window()),
                        dynoLabels(gone.getKey(), gone.getValue().mean(), gone.getValue().since())));
            }
        }
        if (worst != TaskLevel.OK && s.level() == TaskLevel.OK) {
            alertSince = t;
        } else if (worst == TaskLevel.OK) {
            alertSince = null;
        }
        long nextAt = next(s.nextAt() == null ? t : s.nextAt(), spec.every(), t);
        TaskState next = new TaskState(worst, worst == s.level() ? s.since() : t, nextAt, alertSince, 0, 0, 0,
                highest, null, null, dynos, t, s.occurrences());
        return new Outcome<>(next, changes);
    }

    private static Map<String, String> dynoLabels(String dyno, double mean, long alertSince) {
        Map<String, String> labels = new HashMap<>();
        labels.put(LABEL_DYNO, dyno);
        labels.put("dyno_type", TaskSpec.dynoType(dyno));
        labels.put(LABEL_VALUE, number(mean));
        labels.put(LABEL_ALERT_SINCE, Long.toString(alertSince));
        return labels;
    }

    /** A crash or a release: one notification at WARNING, as an occurrence; the task's level does not change. */
    static Outcome<TaskState> occurrence(TaskState s, String reason, Map<String, String> labels, Instant now) {
        long t = now.toEpochMilli();
        Map<String, String> l = new HashMap<>(labels);
        l.put(LABEL_ALERT_SINCE, Long.toString(t));
        Change c = change("", TaskLevel.OK, TaskLevel.WARNING, reason, l).withType(TransitionType.OCCURRENCE);
        TaskState next = new TaskState(s.level(), s.since(), null, null, 0, 0, 0, null, null, null, Map.of(), t,
                s.occurrences() + 1);
        return new Outcome<>(next, List.of(c));
    }

    private static Change change(String aspect, TaskLevel from, TaskLevel to, String reason,
            Map<String, String> labels) {
        return new Change(aspect, TransitionType.CHANGE, from.name(), to.name(), severity(to), reason, labels, null,
                "");
    }

    static Severity severity(TaskLevel level) {
        return switch (level) {
            case OK -> Severity.RESOLVED;
            case INFO -> Severity.INFO;
            case WARNING -> Severity.WARNING;
            case CRITICAL -> Severity.CRITICAL;
        };
    }

    /** A number without a needless {@code .0}, at most 3 decimals. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new java.math.BigDecimal(v).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }

    static @Nullable Long alertSince(@Nullable String label) {
        try {
            return label == null ? null : Long.parseLong(label);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
