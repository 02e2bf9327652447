package dev.vigil.internal;

import dev.vigil.monitor.CronSchedule;

import dev.vigil.model.Text;
import dev.vigil.monitor.MonitorStatus;
import dev.vigil.monitor.PushMonitorSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The push monitor state machine as pure functions of (spec, state, input, now). No I/O, no clock: the
 * evaluator and the push path call these and write the result with compare-and-set.
 */
public final class PushMonitorLogic {

    /** Deadlines are exclusive: a monitor is DOWN strictly after {@code expectedBy}, i.e. from here on. */
    static final Duration TICK = Duration.ofMillis(1);

    private static final Set<String> FAILURE = Set.of("error", "failed", "fail", "down");
    private static final Set<String> START = Set.of("start", "started", "in_progress", "running");
    private static final Set<String> SUCCESS = Set.of("success", "succeeded", "ok", "up", "pass", "passed", "done",
            "complete", "completed", "healthy");

    /** The warning of a push after which the schedule has no run: the monitor then has no deadline. */
    static final String NO_NEXT_RUN = "schedule has no run after this push: no deadline is set";

    private PushMonitorLogic() {
    }

    /** A change of status and its reason; becomes a {@code Transition}. */
    public record Change(MonitorStatus from, MonitorStatus to, String reason) {
    }

    /** The new state plus what changed and what the pusher should be told. */
    public record Result(MonitorState state, List<Change> changes, List<String> warnings) {
    }

    /** How a push is read. */
    public enum PushKind {
        SUCCESS,
        FAILURE,
        START
    }

    /** Classifies a payload status; unknown values count as success. */
    public static PushKind classify(@Nullable String status) {
        if (status == null) {
            return PushKind.SUCCESS;
        }
        String s = status.trim().toLowerCase(Locale.ROOT);
        if (FAILURE.contains(s)) {
            return PushKind.FAILURE;
        }
        return START.contains(s) ? PushKind.START : PushKind.SUCCESS;
    }

    /** True when a status is one Vigil knows; unknown ones are accepted as success with a warning. */
    public static boolean isKnownStatus(String status) {
        String s = status.trim().toLowerCase(Locale.ROOT);
        return FAILURE.contains(s) || START.contains(s) || SUCCESS.contains(s);
    }

    /** The state of a monitor that was just created. */
    public static MonitorState initial(PushMonitorSpec spec, String secretHash, Instant now) {
        MonitorStatus status = spec.enabled() ? MonitorStatus.NO_PUSH_YET : MonitorStatus.PAUSED;
        return new MonitorState(status, now, null, null, null, 0, 0, 0, null, null, 0, secretHash);
    }

    /**
     * The deadline for the push after one received at {@code pushAt}; null (no deadline) when the schedule has no
     * run after it, which validated schedules only reach at the end of representable time.
     */
    public static @Nullable Instant expectedBy(PushMonitorSpec spec, Instant pushAt) {
        Instant base;
        if (spec.schedule() != null) {
            base = CronSchedule.parse(spec.schedule()).nextRunAfter(pushAt, spec.timezone()).orElse(null);
            if (base == null) {
                return null;
            }
        } else {
            base = pushAt.plus(spec.expectedInterval());
        }
        return base.plus(spec.gracePeriod());
    }

    /** Applies one push. The common case (a success push that changes nothing) allocates only the new state. */
    public static Result onPush(PushMonitorSpec spec, MonitorState s, @Nullable String status,
            @Nullable String message, Instant now) {
        List<String> warnings = List.of();
        if (status != null && !isKnownStatus(status)) {
            warnings = List.of("unknown status '" + Text.forLog(status) + "' was counted as success");
        }
        PushKind kind = classify(status);
        if (!spec.enabled()) {
            List<String> all = new ArrayList<>(warnings);
            all.add("monitor is paused: the push was recorded but not evaluated");
            MonitorState paused = new MonitorState(s.status(), s.statusSince(), now,
                    kind == PushKind.START ? s.expectedBy() : expectedBy(spec, now), null,
                    s.consecutiveFailures(), s.consecutiveSuccesses(), s.pushCount() + 1, status, message,
                    s.remindersSent(), s.secretHash());
            return new Result(paused, List.of(), all);
        }
        MonitorStatus to = s.status();
        Instant since = s.statusSince();
        Change change = null;
        int failures = s.consecutiveFailures();
        int successes = s.consecutiveSuccesses();
        Instant expected;
        Instant running = null;
        switch (kind) {
            case START:
                running = now;
                expected = s.expectedBy() != null ? s.expectedBy() : expectedBy(spec, now);
                break;
            case FAILURE:
                expected = expectedBy(spec, now);
                failures++;
                successes = 0;
                if (to != MonitorStatus.DOWN && failures >= spec.failureThreshold()) {
                    to = MonitorStatus.DOWN;
                    change = new Change(s.status(), to, "push reported status '" + Text.forLog(status) + "'"
                            + (message == null ? "" : ": " + Text.forLog(message))
                            + (failures > 1 ? " (" + failures + " consecutive failures)" : ""));
                }
                break;
            default:
                expected = expectedBy(spec, now);
                successes++;
                failures = 0;
                if (to == MonitorStatus.NO_PUSH_YET) {
                    to = MonitorStatus.UP;
                    change = new Change(s.status(), to, "first push received");
                } else if (to == MonitorStatus.DOWN && successes >= spec.recoveryThreshold()) {
                    to = MonitorStatus.UP;
                    change = new Change(s.status(), to, "push received"
                            + (successes > 1 ? " (" + successes + " consecutive successes)" : ""));
                }
                break;
        }
        if (to != s.status()) {
            since = now;
            if (to == MonitorStatus.UP) {
                failures = 0;
            }
        }
        MonitorState next = new MonitorState(to, since, now, expected, running, failures, successes,
                s.pushCount() + 1, status, message, to == s.status() ? s.remindersSent() : 0, s.secretHash());
        if (expected == null) {
            warnings = new ArrayList<>(warnings);
            warnings.add(NO_NEXT_RUN);
        }
        return new Result(next, change == null ? List.of() : List.of(change), warnings);
    }

    /** Evaluates a monitor whose {@code nextDueAt} has come: an overdue push or an overlong run. */
    public static Result onDue(PushMonitorSpec spec, MonitorState s, Instant now) {
        if (!spec.enabled()) {
            return new Result(s, List.of(), List.of());
        }
        MonitorStatus to = s.status();
        Instant since = s.statusSince();
        Instant running = s.runningSince();
        int failures = s.consecutiveFailures();
        int successes = s.consecutiveSuccesses();
        List<Change> changes = new ArrayList<>(1);
        if (running != null && spec.maxRuntime() != null && now.isAfter(running.plus(spec.maxRuntime()))) {
            running = null;
            failures++;
            successes = 0;
            if (to != MonitorStatus.DOWN && failures >= spec.failureThreshold()) {
                changes.add(new Change(to, MonitorStatus.DOWN, "run started at " + s.runningSince()
                        + " did not finish within max_runtime " + spec.maxRuntime().toSeconds() + "s"));
                to = MonitorStatus.DOWN;
            }
        }
        if (to != MonitorStatus.DOWN && s.expectedBy() != null && now.isAfter(s.expectedBy())) {
            changes.add(new Change(to, MonitorStatus.DOWN, (s.lastPushAt() == null ? "no push received"
                    : "no push since " + s.lastPushAt()) + "; expected by " + s.expectedBy()));
            to = MonitorStatus.DOWN;
            successes = 0;
        }
        int reminders = s.remindersSent();
        if (to != s.status()) {
            since = now;
            reminders = 0;
        } else if (to == MonitorStatus.DOWN && spec.repeatEvery() != null) {
            Instant reminderAt = reminderDue(spec, s.statusSince(), s.remindersSent());
            if (reminderAt != null && !now.isBefore(reminderAt)) {
                // one reminder even if several periods were missed (e.g. the evaluator was down): no burst
                long periods = Duration.between(s.statusSince(), now).toMillis() / spec.repeatEvery().toMillis();
                reminders = (int) Math.min(Integer.MAX_VALUE, periods);
                changes.add(new Change(to, to, "still DOWN since " + s.statusSince() + " (reminder " + reminders
                        + ")" + (s.lastPushAt() == null ? "" : "; last push " + s.lastPushAt())));
            }
        }
        MonitorState next = new MonitorState(to, since, s.lastPushAt(), s.expectedBy(), running, failures, successes,
                s.pushCount(), s.lastPushStatus(), s.lastPushMessage(), reminders, s.secretHash());
        return new Result(next, changes, List.of());
    }

    /**
     * Re-derives the state after the spec changed: pausing, resuming (a fresh period starts, so a long pause
     * does not turn into an instant DOWN) or new deadlines.
     */
    public static Result onSpecChange(PushMonitorSpec old, PushMonitorSpec spec, MonitorState s, Instant now) {
        List<Change> changes = new ArrayList<>(1);
        MonitorStatus to = s.status();
        Instant since = s.statusSince();
        Instant expected = s.lastPushAt() == null ? null : expectedBy(spec, s.lastPushAt());
        if (old.enabled() && !spec.enabled()) {
            to = MonitorStatus.PAUSED;
            changes.add(new Change(s.status(), to, "paused"));
        } else if (!old.enabled() && spec.enabled()) {
            to = s.lastPushAt() == null ? MonitorStatus.NO_PUSH_YET : MonitorStatus.UP;
            if (expected != null) {
                Instant fresh = expectedBy(spec, now);
                expected = fresh == null || fresh.isAfter(expected) ? fresh : expected;
            }
            changes.add(new Change(s.status(), to, "resumed"));
        }
        if (to != s.status()) {
            since = now;
        }
        Instant running = spec.enabled() ? s.runningSince() : null;
        int reminders = to == s.status() ? s.remindersSent() : 0;
        MonitorState next = new MonitorState(to, since, s.lastPushAt(), expected, running, s.consecutiveFailures(),
                s.consecutiveSuccesses(), s.pushCount(), s.lastPushStatus(), s.lastPushMessage(), reminders,
                s.secretHash());
        return new Result(next, changes, List.of());
    }

    /** The earliest moment something can happen without a push (see {@link #nextDue(PushMonitorSpec, ...)}). */
    public static @Nullable Instant nextDue(PushMonitorSpec spec, MonitorState s) {
        return nextDue(spec, s.status(), s.expectedBy(), s.runningSince(), s.statusSince(), s.remindersSent());
    }

    /**
     * The state after a gap in Vigil's own evaluation ending at {@code gapEnd}: pushes sent during the gap were lost,
     * so the deadline moves to a full period after it, and a run in progress gets its full {@code max_runtime} again.
     */
    public static MonitorState afterGap(PushMonitorSpec spec, MonitorState s, Instant gapEnd) {
        Instant expected = s.expectedBy() == null ? null : expectedBy(spec, gapEnd);
        Instant running = s.runningSince() == null ? null : gapEnd;
        return new MonitorState(s.status(), s.statusSince(), s.lastPushAt(), expected, running,
                s.consecutiveFailures(), s.consecutiveSuccesses(), s.pushCount(), s.lastPushStatus(),
                s.lastPushMessage(), s.remindersSent(), s.secretHash());
    }

    /**
     * The earliest moment something can happen without a push: the deadline passing, a run exceeding
     * {@code max_runtime}, or (while DOWN) the next {@code repeat_every} reminder. Null when nothing can.
     */
    static @Nullable Instant nextDue(PushMonitorSpec spec, MonitorStatus status, @Nullable Instant expectedBy,
            @Nullable Instant runningSince, Instant statusSince, int remindersSent) {
        if (!spec.enabled() || status == MonitorStatus.PAUSED) {
            return null;
        }
        if (status == MonitorStatus.DOWN) {
            return reminderDue(spec, statusSince, remindersSent);
        }
        Instant due = expectedBy == null ? null : expectedBy.plus(TICK);
        if (runningSince != null && spec.maxRuntime() != null) {
            Instant runDue = runningSince.plus(spec.maxRuntime()).plus(TICK);
            due = due == null || runDue.isBefore(due) ? runDue : due;
        }
        return due;
    }

    /** When the next {@code repeat_every} reminder of a DOWN monitor is due, or null without repeats. */
    private static @Nullable Instant reminderDue(PushMonitorSpec spec, Instant downSince, int remindersSent) {
        Duration every = spec.repeatEvery();
        return every == null ? null : downSince.plus(every.multipliedBy(remindersSent + 1L));
    }
}
