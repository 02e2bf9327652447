package dev.vigil.internal;

import dev.vigil.service.BackupStatus;
import dev.vigil.service.HealthStatus;
import dev.vigil.service.Service;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The evaluated state of a service, as {@link ServiceKind} keeps it.
 *
 * @param reported             attributes the reports carried (declared ones win over them)
 * @param storage              the last storage report's facet, null before the first
 * @param misconfiguredReports reports whose path was padded or folded
 */
public record ServiceState(
        Health health,
        Attributes reported,
        Service.@Nullable Storage storage,
        Backup backup,
        long misconfiguredReports,
        @Nullable Instant lastReportAt) {

    static final String REASON_NONE = "none";
    static final String REASON_REPORT = "report";
    static final String REASON_STALE = "stale";

    /** A service nobody reported health for yet. */
    static ServiceState initial(Instant now) {
        return new ServiceState(new Health(HealthStatus.UNKNOWN, null, now, REASON_NONE, null, null, false),
                new Attributes(null, null, null, null, Set.of()), null, Backup.NONE, 0, null);
    }

    ServiceState withHealth(Health h) {
        return new ServiceState(h, reported, storage, backup, misconfiguredReports, lastReportAt);
    }

    ServiceState withBackup(Backup b) {
        return new ServiceState(health, reported, storage, b, misconfiguredReports, lastReportAt);
    }

    ServiceState withStorage(Service.Storage s) {
        return new ServiceState(health, reported, s, backup, misconfiguredReports, lastReportAt);
    }

    ServiceState withReported(Attributes a) {
        return new ServiceState(health, a, storage, backup, misconfiguredReports, lastReportAt);
    }

    /** The state after a report at {@code now}; {@code misconfigured} when its path had to be padded or folded. */
    ServiceState reportedAt(Instant now, boolean misconfigured) {
        return new ServiceState(health, reported, storage, backup, misconfiguredReports + (misconfigured ? 1 : 0),
                now);
    }

    /**
     * The health facet.
     *
     * @param reason         {@link #REASON_NONE}, {@link #REASON_REPORT} or {@link #REASON_STALE}
     * @param staleFrom      the stale deadline counts from here: the last health report, or the end of a gap in
     *                       Vigil's evaluation
     * @param downSuppressed a DOWN recorded but not sent because a dependency was DOWN
     */
    public record Health(HealthStatus status, @Nullable String message, Instant since, String reason,
            @Nullable Instant lastReportAt, @Nullable Instant staleFrom, boolean downSuppressed) {
    }

    /** Attributes of a service; null for those not known. */
    public record Attributes(@Nullable String criticality, @Nullable String slaGroup, @Nullable String serviceType,
            @Nullable String namespace, Set<String> tags) {
        public Attributes {
            tags = Collections.unmodifiableSortedSet(new TreeSet<>(tags)); // sorted: labels and signals join them
        }
    }

    /**
     * The backup facet.
     *
     * @param alert      {@code NONE}, {@code OK}, {@code PARTIAL}, {@code FAILED} or {@code OVERDUE}
     * @param clockFrom  the overdue deadline counts from here: the last good backup, when backups became expected,
     *                   or the end of a gap in Vigil's evaluation; null while none is expected
     */
    public record Backup(String alert, @Nullable BackupStatus lastStatus, @Nullable Instant lastReportAt,
            @Nullable Instant lastGoodAt, @Nullable Long sizeBytes, @Nullable String message,
            @Nullable Instant clockFrom) {
        static final String NONE_ALERT = "NONE";
        static final Backup NONE = new Backup(NONE_ALERT, null, null, null, null, null, null);

        Backup withClockFrom(@Nullable Instant from) {
            return new Backup(alert, lastStatus, lastReportAt, lastGoodAt, sizeBytes, message, from);
        }

        Backup withAlert(String newAlert) {
            return new Backup(newAlert, lastStatus, lastReportAt, lastGoodAt, sizeBytes, message, clockFrom);
        }
    }
}
