package dev.vigil.internal;

import dev.vigil.kind.Change;
import dev.vigil.kind.Outcome;
import dev.vigil.model.Decision;
import dev.vigil.model.Severity;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.TransitionType;
import dev.vigil.service.BackupStatus;
import dev.vigil.service.HealthStatus;
import dev.vigil.service.Service;
import dev.vigil.service.ServiceDeclaration;
import dev.vigil.service.StorageLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What reports and the clock do to a service (seed 000): health, storage and backup transitions, stale health,
 * overdue backups, maintenance and dependencies. Pure but for {@link Dependencies}, which reads other services.
 */
final class ServiceLogic {
    static final String HEALTH = "health";
    static final String STORAGE = "storage";
    static final String BACKUP = "backup";
    static final String STORAGE_TAG = "storage";
    /** Deadlines are strict: stale or overdue one millisecond after them. */
    private static final Duration TICK = Duration.ofMillis(1);

    private ServiceLogic() {
    }

    /** What a service's dependencies look like now. */
    interface Dependencies {
        /** The first of {@code paths} whose health is {@code DOWN}, or null. */
        @Nullable String firstDown(List<String> paths);

        /** The services that depend on {@code path}. */
        List<SubjectRef> dependentsOf(String path);
    }

    /** A health report after padding and coercion; attributes hold only what the report carried. */
    record HealthInput(HealthStatus status, @Nullable String message, ServiceState.Attributes attributes,
            boolean misconfigured) {
    }

    /** A storage report after clamping: the facet to keep. */
    record StorageInput(Service.Storage facet, boolean misconfigured) {
    }

    /** A backup report after coercion. */
    record BackupInput(BackupStatus status, @Nullable Long sizeBytes, @Nullable String message, boolean misconfigured) {
    }

    static Outcome<ServiceState> health(String path, ServiceDeclaration spec, ServiceState s, HealthInput in,
            Dependencies deps, Instant now) {
        ServiceState.Health h = s.health();
        HealthStatus from = h.status();
        HealthStatus to = in.status();
        List<Change> changes = new ArrayList<>(1);
        boolean suppressed = h.downSuppressed() && to == HealthStatus.DOWN;
        Instant since = h.since();
        if (to != from) {
            since = now;
            Change c = healthChange(from, to, "reported " + to + (in.message() == null ? "" : ": " + in.message()));
            if (to == HealthStatus.DOWN) {
                String down = deps.firstDown(spec.dependsOn());
                if (down != null) {
                    c = c.quiet(Decision.SUPPRESSED_BY_DEPENDENCY, "depends on " + down + ", which is DOWN");
                    suppressed = true;
                }
            } else if (to == HealthStatus.OPERATIONAL && h.reason().equals(ServiceState.REASON_NONE)) {
                c = c.quiet(Decision.NOT_ROUTED, "a first report is not an alert");
            } else if (to == HealthStatus.OPERATIONAL && h.downSuppressed()) {
                c = c.quiet(Decision.NOT_ROUTED, "its DOWN was never sent (a dependency was DOWN)");
            }
            changes.add(c);
        }
        // a report without a message keeps the last reported one (not the evaluator's "no health report for ...")
        String message = in.message() != null ? in.message()
                : h.reason().equals(ServiceState.REASON_REPORT) ? h.message() : null;
        ServiceState next = s.withHealth(new ServiceState.Health(to, message, since, ServiceState.REASON_REPORT,
                now, now, suppressed)).withReported(merge(s.reported(), in.attributes()))
                .reportedAt(now, in.misconfigured());
        return finish(path, s, next, changes, deps);
    }

    static Outcome<ServiceState> storage(String path, ServiceState s, StorageInput in, Dependencies deps,
            Instant now) {
        StorageLevel to = in.facet().level();
        String from = s.storage() == null ? "NONE" : s.storage().level().name();
        List<Change> changes = new ArrayList<>(1);
        if (!from.equals(to.name())) {
            Change c = new Change(STORAGE, TransitionType.CHANGE, from, to.name(), storageSeverity(to),
                    storageReason(in.facet()), Map.of(), null, "");
            if (to == StorageLevel.UNKNOWN) {
                c = c.quiet(Decision.NOT_ROUTED, "the storage level is unknown (allocated size 0 or missing)");
            } else if (to == StorageLevel.HEALTHY
                    && (from.equals("NONE") || from.equals(StorageLevel.UNKNOWN.name()))) {
                c = c.quiet(Decision.NOT_ROUTED, "a healthy first level is not an alert");
            }
            changes.add(c);
        }
        TreeSet<String> tags = new TreeSet<>(s.reported().tags());
        tags.add(STORAGE_TAG); // every storage report puts the service on the Storage tab
        ServiceState.Attributes a = s.reported();
        ServiceState next = s.withStorage(in.facet())
                .withReported(new ServiceState.Attributes(a.criticality(), a.slaGroup(), a.serviceType(),
                        a.namespace(), tags))
                .reportedAt(now, in.misconfigured());
        return finish(path, s, next, changes, deps);
    }

    static Outcome<ServiceState> backup(String path, ServiceState s, BackupInput in, Dependencies deps, Instant now) {
        ServiceState.Backup b = s.backup();
        boolean good = in.status() != BackupStatus.FAILED;
        String to = switch (in.status()) {
            case SUCCESS -> "OK";
            case PARTIAL -> "PARTIAL";
            case FAILED -> "FAILED";
        };
        Instant goodAt = good ? now : b.lastGoodAt();
        Instant clockFrom = good ? now : b.clockFrom() != null ? b.clockFrom() : now;
        // fields a report leaves out keep their stored values
        ServiceState.Backup nb = new ServiceState.Backup(to, in.status(), now, goodAt,
                in.sizeBytes() != null ? in.sizeBytes() : b.sizeBytes(),
                in.message() != null ? in.message() : b.message(), clockFrom);
        List<Change> changes = new ArrayList<>(1);
        if (!to.equals(b.alert())) {
            changes.add(backupChange(b.alert(), to, "backup " + in.status().wireName()
                    + (in.message() == null ? "" : ": " + in.message())));
        }
        return finish(path, s, s.withBackup(nb).reportedAt(now, in.misconfigured()), changes, deps);
    }

    /**
     * The state once a declaration is in force: an expected backup starts its clock; a backup alert about backups
     * that are no longer expected is resolved.
     */
    static Outcome<ServiceState> declared(String path, ServiceDeclaration spec, ServiceState s, Dependencies deps,
            Instant now) {
        ServiceState.Backup b = s.backup();
        if (spec.backupExpected() && b.clockFrom() == null) {
            return Outcome.of(s.withBackup(b.withClockFrom(b.lastGoodAt() != null ? b.lastGoodAt() : now)));
        }
        if (!spec.backupExpected() && b.clockFrom() != null) {
            ServiceState next = s.withBackup(b.withClockFrom(null).withAlert(b.alert().equals("OVERDUE")
                    ? ServiceState.Backup.NONE_ALERT : b.alert()));
            List<Change> changes = !b.alert().equals("OVERDUE") ? List.of()
                    : List.of(new Change(BACKUP, TransitionType.CHANGE, "OVERDUE", ServiceState.Backup.NONE_ALERT,
                            Severity.RESOLVED, "backups are no longer expected", Map.of(), null, ""));
            return finish(path, s, next, changes, deps);
        }
        return Outcome.of(s);
    }

    static @Nullable Instant nextDue(ServiceDeclaration spec, ServiceState s) {
        Instant stale = staleDeadline(spec, s);
        Instant overdue = overdueDeadline(spec, s);
        Instant due = stale == null ? null : stale.plus(TICK);
        if (overdue != null && (due == null || overdue.plus(TICK).isBefore(due))) {
            due = overdue.plus(TICK);
        }
        return due;
    }

    /** When health goes stale without a report, or null when it cannot (no report yet, stale already, maintenance). */
    private static @Nullable Instant staleDeadline(ServiceDeclaration spec, ServiceState s) {
        ServiceState.Health h = s.health();
        if (h.staleFrom() == null || h.status() == HealthStatus.MAINTENANCE
                || h.reason().equals(ServiceState.REASON_STALE)) {
            return null;
        }
        return h.staleFrom().plus(spec.staleAfter());
    }

    /** When an expected backup becomes overdue, or null (not expected, or already failed or overdue). */
    private static @Nullable Instant overdueDeadline(ServiceDeclaration spec, ServiceState s) {
        ServiceState.Backup b = s.backup();
        if (!spec.backupExpected() || b.clockFrom() == null || b.alert().equals("FAILED")
                || b.alert().equals("OVERDUE")) {
            return null;
        }
        return b.clockFrom().plus(spec.backupMaxAge());
    }

    static Outcome<ServiceState> onDue(String path, ServiceDeclaration spec, ServiceState s, Dependencies deps,
            Instant now) {
        List<Change> changes = new ArrayList<>(2);
        ServiceState next = s;
        Instant stale = staleDeadline(spec, s);
        if (stale != null && now.isAfter(stale)) {
            ServiceState.Health h = s.health();
            String why = "no health report for " + Durations.format(spec.staleAfter());
            if (h.status() != HealthStatus.UNKNOWN) {
                changes.add(healthChange(h.status(), HealthStatus.UNKNOWN, "stale: " + why));
            }
            next = next.withHealth(new ServiceState.Health(HealthStatus.UNKNOWN, why,
                    h.status() == HealthStatus.UNKNOWN ? h.since() : now, ServiceState.REASON_STALE, h.lastReportAt(),
                    h.staleFrom(), false));
        }
        Instant overdue = overdueDeadline(spec, s);
        if (overdue != null && now.isAfter(overdue)) {
            ServiceState.Backup b = s.backup();
            String why = b.lastGoodAt() == null ? "no backup reported within " + Durations.format(spec.backupMaxAge())
                    : "no good backup since " + b.lastGoodAt() + " (max age " + Durations.format(spec.backupMaxAge())
                            + ")";
            changes.add(backupChange(b.alert(), "OVERDUE", why));
            next = next.withBackup(b.withAlert("OVERDUE"));
        }
        return finish(path, s, next, changes, deps);
    }

    /** Deadlines that fell inside a gap in Vigil's evaluation ending at {@code gapEnd} count from its end. */
    static ServiceState afterGap(ServiceDeclaration spec, ServiceState s, Instant gapEnd) {
        ServiceState next = s;
        Instant stale = staleDeadline(spec, s);
        if (stale != null && !stale.isAfter(gapEnd)) {
            ServiceState.Health h = s.health();
            next = next.withHealth(new ServiceState.Health(h.status(), h.message(), h.since(), h.reason(),
                    h.lastReportAt(), gapEnd, h.downSuppressed()));
        }
        Instant overdue = overdueDeadline(spec, s);
        if (overdue != null && !overdue.isAfter(gapEnd)) {
            next = next.withBackup(next.backup().withClockFrom(gapEnd));
        }
        return next;
    }

    /** A dependency changed: a DOWN that was suppressed is sent once no dependency is DOWN any more. */
    static Outcome<ServiceState> onWake(ServiceDeclaration spec, ServiceState s, SubjectRef cause, Dependencies deps) {
        ServiceState.Health h = s.health();
        if (!h.downSuppressed() || h.status() != HealthStatus.DOWN || deps.firstDown(spec.dependsOn()) != null) {
            return Outcome.of(s);
        }
        Change c = new Change(HEALTH, TransitionType.CHANGE, HealthStatus.DOWN.name(), HealthStatus.DOWN.name(),
                Severity.CRITICAL, "still DOWN after " + cause.key() + " recovered", Map.of(), null, "");
        return new Outcome<>(s.withHealth(new ServiceState.Health(h.status(), h.message(), h.since(), h.reason(),
                h.lastReportAt(), h.staleFrom(), false)), List.of(c));
    }

    /**
     * Makes changes quiet while the service is in maintenance, and wakes the services that depend on this one when
     * it leaves {@code DOWN}.
     */
    private static Outcome<ServiceState> finish(String path, ServiceState before, ServiceState after,
            List<Change> changes, Dependencies deps) {
        boolean inMaintenance = after.health().status() == HealthStatus.MAINTENANCE;
        boolean wasInMaintenance = before.health().status() == HealthStatus.MAINTENANCE;
        List<Change> out = new ArrayList<>(changes.size());
        for (Change c : changes) {
            if (c.quiet() == null && inMaintenance) {
                c = c.quiet(Decision.MAINTENANCE, "the service is in maintenance");
            } else if (c.quiet() == null && wasInMaintenance && c.aspect().equals(HEALTH)
                    && c.to().equals(HealthStatus.OPERATIONAL.name())) {
                c = c.quiet(Decision.MAINTENANCE, "the end of maintenance is not an alert");
            }
            out.add(c);
        }
        Outcome<ServiceState> o = new Outcome<>(after, out);
        if (before.health().status() == HealthStatus.DOWN && after.health().status() != HealthStatus.DOWN) {
            List<SubjectRef> dependents = deps.dependentsOf(path);
            if (!dependents.isEmpty()) {
                o = o.waking(dependents);
            }
        }
        return o;
    }

    private static Change healthChange(HealthStatus from, HealthStatus to, String reason) {
        Severity severity = switch (to) {
            case DOWN -> Severity.CRITICAL;
            case DEGRADED, UNKNOWN -> Severity.WARNING;
            case OPERATIONAL -> Severity.RESOLVED;
            case MAINTENANCE -> Severity.INFO;
        };
        return new Change(HEALTH, TransitionType.CHANGE, from.name(), to.name(), severity, reason, Map.of(), null, "");
    }

    private static Change backupChange(String from, String to, String reason) {
        Severity severity = switch (to) {
            case "FAILED", "OVERDUE" -> Severity.CRITICAL;
            case "PARTIAL" -> Severity.WARNING;
            default -> Severity.RESOLVED;
        };
        Change c = new Change(BACKUP, TransitionType.CHANGE, from, to, severity, reason, Map.of(), null, "");
        if (to.equals("OK") && from.equals(ServiceState.Backup.NONE_ALERT)) {
            c = c.quiet(Decision.NOT_ROUTED, "a good first backup is not an alert");
        }
        return c;
    }

    private static Severity storageSeverity(StorageLevel to) {
        return switch (to) {
            case CRITICAL -> Severity.CRITICAL;
            case WARNING -> Severity.WARNING;
            case HEALTHY -> Severity.RESOLVED;
            case UNKNOWN -> Severity.INFO;
        };
    }

    private static String storageReason(Service.Storage f) {
        return f.freePercent() == null ? "storage level " + f.level().wireName()
                : String.format(java.util.Locale.ROOT, "%.1f %% free: %s", f.freePercent(), f.level().wireName());
    }

    /** Reported attributes: what the report carried replaces what was reported before; tags accumulate. */
    static ServiceState.Attributes merge(ServiceState.Attributes old, ServiceState.Attributes in) {
        if (nothingNew(old.criticality(), in.criticality()) && nothingNew(old.slaGroup(), in.slaGroup())
                && nothingNew(old.serviceType(), in.serviceType()) && nothingNew(old.namespace(), in.namespace())
                && old.tags().containsAll(in.tags())) {
            return old; // the usual report repeats what is known: keep the object (labels are worked out from it)
        }
        TreeSet<String> tags = new TreeSet<>(old.tags());
        tags.addAll(in.tags());
        return new ServiceState.Attributes(
                in.criticality() != null ? in.criticality() : old.criticality(),
                in.slaGroup() != null ? in.slaGroup() : old.slaGroup(),
                in.serviceType() != null ? in.serviceType() : old.serviceType(),
                in.namespace() != null ? in.namespace() : old.namespace(), tags);
    }

    private static boolean nothingNew(@Nullable String old, @Nullable String in) {
        return in == null || in.equals(old);
    }

    /** Attributes in effect: declared ones win, reported ones fill in; tags are both. */
    static ServiceState.Attributes effective(ServiceDeclaration spec, ServiceState.Attributes reported) {
        if (spec.criticality() == null && spec.slaGroup() == null && spec.serviceType() == null
                && spec.namespace() == null && spec.tags().isEmpty()) {
            return reported; // nothing declared
        }
        TreeSet<String> tags = new TreeSet<>(reported.tags());
        tags.addAll(spec.tags());
        return new ServiceState.Attributes(
                spec.criticality() != null ? spec.criticality() : reported.criticality(),
                spec.slaGroup() != null ? spec.slaGroup() : reported.slaGroup(),
                spec.serviceType() != null ? spec.serviceType() : reported.serviceType(),
                spec.namespace() != null ? spec.namespace() : reported.namespace(), tags);
    }
}
