package dev.vigil.store.memory;

import dev.vigil.monitor.AlertOn;
import dev.vigil.monitor.PushMonitorSpec;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Everything of a {@link PushMonitorSpec} except its name. Monitors with equal shapes share one instance
 * (thousands of monitors typically have a handful of shapes). Shared instances are reference-counted by
 * {@link Shapes}, so a shape nobody uses is forgotten: nothing user-controlled is interned for ever.
 */
final class Shape {
    final @Nullable String group;
    final boolean enabled;
    final @Nullable Duration expectedInterval;
    final Duration gracePeriod;
    final @Nullable String schedule;
    final ZoneId timezone;
    final boolean requirePayload;
    final List<String> notifications;
    final Set<AlertOn> alertOn;
    final @Nullable Duration maxRuntime;
    final int failureThreshold;
    final int recoveryThreshold;
    final @Nullable Duration repeatEvery;
    private final int hash;
    /** Monitors using this canonical instance; guarded by the {@link Shapes} map. */
    int refs;

    Shape(PushMonitorSpec s) {
        group = s.group();
        enabled = s.enabled();
        expectedInterval = s.expectedInterval();
        gracePeriod = s.gracePeriod();
        schedule = s.schedule();
        timezone = s.timezone();
        requirePayload = s.requirePayload();
        notifications = s.notifications();
        alertOn = s.alertOn();
        maxRuntime = s.maxRuntime();
        failureThreshold = s.failureThreshold();
        recoveryThreshold = s.recoveryThreshold();
        repeatEvery = s.repeatEvery();
        hash = Objects.hash(group, enabled, expectedInterval, gracePeriod, schedule, timezone, requirePayload,
                notifications, alertOn, maxRuntime, failureThreshold, recoveryThreshold, repeatEvery);
    }

    /** The spec with this shape and {@code name}; equal to the spec the shape was taken from. */
    PushMonitorSpec spec(String name) {
        return new PushMonitorSpec(name, group, enabled, expectedInterval, gracePeriod, schedule, timezone,
                requirePayload, notifications, alertOn, maxRuntime, failureThreshold, recoveryThreshold, repeatEvery);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Shape s)) {
            return false;
        }
        return hash == s.hash && enabled == s.enabled && requirePayload == s.requirePayload
                && failureThreshold == s.failureThreshold && recoveryThreshold == s.recoveryThreshold
                && Objects.equals(group, s.group) && Objects.equals(expectedInterval, s.expectedInterval)
                && gracePeriod.equals(s.gracePeriod) && Objects.equals(schedule, s.schedule)
                && timezone.equals(s.timezone) && notifications.equals(s.notifications) && alertOn.equals(s.alertOn)
                && Objects.equals(maxRuntime, s.maxRuntime) && Objects.equals(repeatEvery, s.repeatEvery);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The canonical shapes in use, with reference counts. */
    static final class Shapes {
        private final ConcurrentHashMap<Shape, Shape> canonical = new ConcurrentHashMap<>();

        /** The canonical instance equal to {@code s}, counting one more user. */
        Shape acquire(Shape s) {
            return canonical.compute(s, (k, v) -> {
                Shape c = v == null ? k : v;
                c.refs++;
                return c;
            });
        }

        /** One user fewer of the canonical {@code s}; forgotten at zero. */
        void release(Shape s) {
            canonical.computeIfPresent(s, (k, v) -> --v.refs == 0 ? null : v);
        }

        int size() {
            return canonical.size();
        }
    }
}
