package dev.vigil.monitor;

import dev.vigil.monitor.CronSchedule;
import dev.vigil.model.Text;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a push monitor expects: either a push every {@code expectedInterval} (plus {@code gracePeriod}),
 * or one per {@code schedule} (5-field cron in {@code timezone}, plus {@code gracePeriod}).
 *
 * <p>Built with {@link #named(String)}; {@link Builder#build()} validates every field and throws
 * {@link IllegalArgumentException} naming the field and the value.
 */
public record PushMonitorSpec(
        String name,
        @Nullable String group,
        boolean enabled,
        @Nullable Duration expectedInterval,
        Duration gracePeriod,
        @Nullable String schedule,
        ZoneId timezone,
        boolean requirePayload,
        List<String> notifications,
        Set<AlertOn> alertOn,
        @Nullable Duration maxRuntime,
        int failureThreshold,
        int recoveryThreshold,
        @Nullable Duration repeatEvery) {

    public static final int MAX_NAME_LENGTH = 200;
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_INTERVAL = Duration.ofDays(366);
    public static final int MAX_THRESHOLD = 100;
    public static final Duration MIN_REPEAT = Duration.ofMinutes(1);

    public PushMonitorSpec {
        notifications = List.copyOf(notifications);
        alertOn = alertOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(alertOn));
        validate(name, group, expectedInterval, gracePeriod, schedule, notifications, maxRuntime,
                failureThreshold, recoveryThreshold);
        if (repeatEvery != null) {
            checkDuration("repeat_every", repeatEvery, MIN_REPEAT);
        }
    }

    /** Starts a spec with the seed's defaults: enabled, no grace, alert on down and up. */
    public static Builder named(String name) {
        return new Builder().name(name);
    }

    /** A builder pre-filled with this spec, to change a few fields. */
    public Builder toBuilder() {
        Builder b = new Builder()
                .name(name)
                .group(group)
                .enabled(enabled)
                .gracePeriod(gracePeriod)
                .timezone(timezone)
                .requirePayload(requirePayload)
                .notifications(notifications)
                .maxRuntime(maxRuntime)
                .failureThreshold(failureThreshold)
                .recoveryThreshold(recoveryThreshold)
                .repeatEvery(repeatEvery);
        b.alertOn = EnumSet.noneOf(AlertOn.class);
        b.alertOn.addAll(alertOn);
        b.expectedInterval = expectedInterval;
        b.schedule = schedule;
        return b;
    }

    /** True when a cron schedule, not a fixed interval, sets the deadline. */
    public boolean isScheduled() {
        return schedule != null;
    }

    private static void validate(String name, @Nullable String group, @Nullable Duration interval, Duration grace,
            @Nullable String schedule, List<String> notifications, @Nullable Duration maxRuntime,
            int failureThreshold, int recoveryThreshold) {
        checkName("name", name);
        if (group != null) {
            checkName("group", group);
        }
        if ((interval == null) == (schedule == null)) {
            throw new IllegalArgumentException(interval == null
                    ? "expected_interval or schedule is required"
                    : "give either expected_interval or schedule, not both");
        }
        if (interval != null) {
            checkDuration("expected_interval", interval, MIN_INTERVAL);
        }
        if (schedule != null) {
            CronSchedule.parse(schedule); // throws with the position of the problem, or when it never runs
        }
        checkGrace(grace);
        if (maxRuntime != null) {
            checkDuration("max_runtime", maxRuntime, MIN_INTERVAL);
        }
        checkThreshold("failure_threshold", failureThreshold);
        checkThreshold("recovery_threshold", recoveryThreshold);
        for (String channel : notifications) {
            if (channel.isBlank() || !Text.isPrintable(channel) || !Text.isStorable(channel)) {
                throw new IllegalArgumentException("notifications: channel names must be non-blank and printable, got '"
                        + Text.forLog(channel) + "'");
            }
        }
    }

    private static void checkName(String field, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_NAME_LENGTH + " characters, got "
                    + value.length());
        }
        if (!Text.isPrintable(value)) {
            throw new IllegalArgumentException(field + " must not contain control characters (such as CR or LF)");
        }
        if (!Text.isStorable(value)) {
            throw new IllegalArgumentException(field + " must be valid Unicode text (it has an unpaired surrogate)");
        }
    }

    private static void checkDuration(String field, Duration value, Duration min) {
        if (value.compareTo(min) < 0 || value.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException(field + " must be between " + min.toSeconds() + "s and "
                    + MAX_INTERVAL.toDays() + " days, got " + value.toSeconds() + "s");
        }
    }

    private static void checkGrace(Duration grace) {
        if (grace.isNegative() || grace.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("grace_period must be between 0 and " + MAX_INTERVAL.toDays()
                    + " days, got " + grace.toSeconds() + "s");
        }
    }

    private static void checkThreshold(String field, int value) {
        if (value < 1 || value > MAX_THRESHOLD) {
            throw new IllegalArgumentException(field + " must be between 1 and " + MAX_THRESHOLD + ", got " + value);
        }
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private @Nullable String name;
        private @Nullable String group;
        private boolean enabled = true;
        private @Nullable Duration expectedInterval;
        private Duration gracePeriod = Duration.ZERO;
        private @Nullable String schedule;
        private ZoneId timezone = ZoneOffset.UTC;
        private boolean requirePayload;
        private List<String> notifications = new ArrayList<>();
        private EnumSet<AlertOn> alertOn = EnumSet.allOf(AlertOn.class);
        private @Nullable Duration maxRuntime;
        private int failureThreshold = 1;
        private int recoveryThreshold = 1;
        private @Nullable Duration repeatEvery;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder group(@Nullable String group) {
            this.group = group;
            return this;
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** Expect a push at least this often; clears any schedule. */
        public Builder expectedInterval(Duration interval) {
            checkDuration("expected_interval", interval, MIN_INTERVAL);
            this.expectedInterval = interval;
            this.schedule = null;
            return this;
        }

        public Builder gracePeriod(Duration grace) {
            checkGrace(grace);
            this.gracePeriod = grace;
            return this;
        }

        /** Expect a push per 5-field cron {@code schedule} (or {@code @daily} etc.); clears any interval. */
        public Builder schedule(String cron) {
            CronSchedule.parse(cron);
            this.schedule = cron;
            this.expectedInterval = null;
            return this;
        }

        public Builder schedule(String cron, ZoneId timezone) {
            return schedule(cron).timezone(timezone);
        }

        public Builder timezone(ZoneId timezone) {
            this.timezone = timezone;
            return this;
        }

        /** Parses an IANA zone id such as {@code Europe/Berlin}. */
        public Builder timezone(String timezone) {
            try {
                return timezone(ZoneId.of(timezone));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("timezone '" + Text.forLog(timezone)
                        + "' is not a known time zone (use an IANA id such as Europe/Berlin)");
            }
        }

        public Builder requirePayload(boolean required) {
            this.requirePayload = required;
            return this;
        }

        /** Channel names (seed 002 {@code notifications}) that hear about this monitor. */
        public Builder notify(String... channels) {
            notifications.addAll(List.of(channels));
            return this;
        }

        public Builder notifications(List<String> channels) {
            this.notifications = new ArrayList<>(new LinkedHashSet<>(channels));
            return this;
        }

        public Builder alertOn(AlertOn... on) {
            this.alertOn = EnumSet.noneOf(AlertOn.class);
            this.alertOn.addAll(List.of(on));
            return this;
        }

        public Builder alertOn(Set<AlertOn> on) {
            this.alertOn = on.isEmpty() ? EnumSet.noneOf(AlertOn.class) : EnumSet.copyOf(on);
            return this;
        }

        /** A run that pushed {@code start} and does not finish within this time counts as failed. */
        public Builder maxRuntime(@Nullable Duration maxRuntime) {
            if (maxRuntime != null) {
                checkDuration("max_runtime", maxRuntime, MIN_INTERVAL);
            }
            this.maxRuntime = maxRuntime;
            return this;
        }

        /** Consecutive failure pushes needed before DOWN (default 1). */
        public Builder failureThreshold(int n) {
            checkThreshold("failure_threshold", n);
            this.failureThreshold = n;
            return this;
        }

        /** Consecutive success pushes needed to recover from DOWN (default 1). */
        public Builder recoveryThreshold(int n) {
            checkThreshold("recovery_threshold", n);
            this.recoveryThreshold = n;
            return this;
        }

        /** While DOWN, notify again this often (at least a minute); null (the default) notifies once. */
        public Builder repeatEvery(@Nullable Duration every) {
            if (every != null) {
                checkDuration("repeat_every", every, MIN_REPEAT);
            }
            this.repeatEvery = every;
            return this;
        }

        public PushMonitorSpec build() {
            if (name == null) {
                throw new IllegalArgumentException("name is required");
            }
            return new PushMonitorSpec(name, group, enabled, expectedInterval, gracePeriod, schedule, timezone,
                    requirePayload, notifications, alertOn, maxRuntime, failureThreshold, recoveryThreshold,
                    repeatEvery);
        }
    }
}
