package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.model.Decision;
import dev.vigil.model.Severity;
import dev.vigil.model.Signal;
import dev.vigil.model.Transition;
import dev.vigil.service.BackupReport;
import dev.vigil.service.BackupResult;
import dev.vigil.service.BackupStatus;
import dev.vigil.service.HealthReport;
import dev.vigil.service.HealthStatus;
import dev.vigil.service.ReportResult;
import dev.vigil.service.Service;
import dev.vigil.service.ServiceDeclaration;
import dev.vigil.service.ServiceFilter;
import dev.vigil.service.ServiceTree;
import dev.vigil.service.Services;
import dev.vigil.service.StorageLevel;
import dev.vigil.service.StorageReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Services (seed 000) through the Java API, on the store under test, with a manual clock. */
public abstract class ServiceContractTest extends StoreContract {
    private static final String GALERA = "myorg/infra/prod/baremetal/galera-node1";
    private static final String PG = "myorg/platform/prod/cluster1/postgresql";
    private static final String APP = "myorg/platform/prod/cluster1/billing";

    protected ManualClock clock;
    protected RecordingNotifier sent;
    protected List<Signal> signals;
    protected Vigil vigil;
    protected Services services;

    @BeforeEach
    void buildVigil() {
        clock = ManualClock.at("2025-01-15T12:00:00Z");
        sent = new RecordingNotifier();
        signals = Collections.synchronizedList(new ArrayList<>());
        vigil = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).notifier(sent)
                .onSignal(signals::add).build();
        services = vigil.services();
    }

    @AfterEach
    void closeVigil() {
        vigil.close();
    }

    private Service get(String path) {
        return services.get(path).orElseThrow();
    }

    private HealthReport galera(String status) {
        return new HealthReport(GALERA, status, "wsrep_cluster_size=3", "critical", "database-cluster", "database",
                List.of("database", "baremetal"), null);
    }

    @Test
    void aFirstReportCreatesTheServiceAndALaterOneUpdatesIt() {
        ReportResult first = services.report(galera("OPERATIONAL"));
        assertThat(first.path()).isEqualTo(GALERA);
        assertThat(first.created()).isTrue();
        assertThat(first.status()).isEqualTo(HealthStatus.OPERATIONAL);
        assertThat(first.warnings()).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        ReportResult second = services.report(HealthReport.of(GALERA, "operational"));
        assertThat(second.created()).isFalse();
        assertThat(second.warnings()).isEmpty();

        Service s = get(GALERA);
        assertThat(s.criticality()).isEqualTo("critical"); // left out by the second report: kept
        assertThat(s.message()).isEqualTo("wsrep_cluster_size=3");
        assertThat(s.slaGroup()).isEqualTo("database-cluster");
        assertThat(s.serviceType()).isEqualTo("database");
        assertThat(s.tags()).containsExactlyInAnyOrder("database", "baremetal");
        assertThat(s.lastHealthReportAt()).isEqualTo(clock.instant());
        assertThat(s.statusSince()).isEqualTo(java.time.Instant.parse("2025-01-15T12:00:00Z"));
        // a first OPERATIONAL is recorded, not sent
        assertThat(services.history(GALERA, 10)).singleElement()
                .satisfies(t -> assertThat(t.decision()).isEqualTo(Decision.NOT_ROUTED));
        assertThat(signals).hasSize(2).allSatisfy(sig -> {
            assertThat(sig.source()).isEqualTo(Signal.HEALTH_REPORT);
            assertThat(sig.field("connector")).isEqualTo("vigil");
            assertThat(sig.field("connector_name")).isEqualTo("health");
            assertThat(sig.field("component")).isEqualTo("myorg/infra/prod/baremetal");
            assertThat(sig.field("resource")).isEqualTo("galera-node1");
            assertThat(sig.field("status")).isEqualTo("OPERATIONAL");
        });
    }

    @Test
    void healthChangesAreTransitionsWithSeverities() {
        services.report(galera("OPERATIONAL"));
        services.report(galera("DEGRADED"));
        services.report(galera("DOWN"));
        services.report(galera("OPERATIONAL"));
        vigil.tick();
        assertThat(sent.transitions()).extracting(Transition::to, Transition::severity, Transition::aspect)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("DEGRADED", Severity.WARNING, "health"),
                        org.assertj.core.groups.Tuple.tuple("DOWN", Severity.CRITICAL, "health"),
                        org.assertj.core.groups.Tuple.tuple("OPERATIONAL", Severity.RESOLVED, "health"));
        Transition down = sent.transitions().get(1);
        assertThat(down.allLabels()).containsEntry("org", "myorg").containsEntry("service", "galera-node1")
                .containsEntry("criticality", "critical").containsEntry("sla_group", "database-cluster")
                .containsEntry("tags", "baremetal,database").containsEntry("kind", "service");
    }

    @Test
    void labelsFollowWhatALaterReportOrADeclarationChanges() {
        services.report(galera("OPERATIONAL"));
        services.report(HealthReport.of(GALERA, "DEGRADED")); // nothing new to label: the labels are kept
        assertThat(labels(GALERA)).containsEntry("tags", "baremetal,database").containsEntry("tag:database", "true")
                .doesNotContainKey("namespace");
        services.report(new HealthReport(GALERA, "OPERATIONAL", null, null, null, null, List.of("gitops"), "infra"));
        assertThat(labels(GALERA)).containsEntry("tags", "baremetal,database,gitops")
                .containsEntry("tag:gitops", "true").containsEntry("namespace", "infra")
                .containsEntry("criticality", "critical");
        services.declare(GALERA, ServiceDeclaration.builder().criticality("high").build());
        services.report(HealthReport.of(GALERA, "OPERATIONAL"));
        assertThat(labels(GALERA)).containsEntry("criticality", "high");
    }

    private java.util.Map<String, String> labels(String path) {
        return store.subjects().find(dev.vigil.model.SubjectRef.of("service", path)).orElseThrow().labels();
    }

    @Test
    void aServiceWithoutHealthReportsForStaleAfterBecomesUnknownOnce() {
        services.report(galera("OPERATIONAL"));
        clock.advance(Duration.ofMinutes(5)); // exactly stale_after: not yet
        vigil.tick();
        assertThat(get(GALERA).status()).isEqualTo(HealthStatus.OPERATIONAL);

        clock.advance(Duration.ofSeconds(1));
        vigil.tick();
        Service s = get(GALERA);
        assertThat(s.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(s.statusReason()).isEqualTo("stale");
        assertThat(sent.transitions()).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo("OPERATIONAL");
            assertThat(t.to()).isEqualTo("UNKNOWN");
            assertThat(t.severity()).isEqualTo(Severity.WARNING);
            assertThat(t.reason()).contains("stale");
        });

        clock.advance(Duration.ofHours(1));
        vigil.tick();
        assertThat(sent.transitions()).hasSize(1); // stale once, not again

        services.report(galera("OPERATIONAL"));
        vigil.tick();
        assertThat(sent.transitions()).hasSize(2);
        assertThat(sent.transitions().get(1).severity()).isEqualTo(Severity.RESOLVED);
        assertThat(get(GALERA).statusReason()).isEqualTo("report");
    }

    @Test
    void staleAfterComesFromTheDeclaration() {
        services.declare(GALERA, ServiceDeclaration.builder().staleAfter(Duration.ofMinutes(2)).build());
        services.report(galera("OPERATIONAL"));
        clock.advance(Duration.ofMinutes(2).plusMillis(1));
        vigil.tick();
        assertThat(get(GALERA).status()).isEqualTo(HealthStatus.UNKNOWN);
    }

    @Test
    void anExpectedBackupThatDoesNotArriveIsOverdue() {
        services.declare(PG, ServiceDeclaration.builder().backupExpected(true).build()); // max_age 26 h
        clock.advance(Duration.ofHours(26));
        vigil.tick();
        assertThat(get(PG).backup().alert()).isEqualTo("NONE");

        clock.advance(Duration.ofSeconds(1));
        vigil.tick();
        assertThat(get(PG).backup().alert()).isEqualTo("OVERDUE");
        assertThat(sent.transitions()).singleElement().satisfies(t -> {
            assertThat(t.aspect()).isEqualTo("backup");
            assertThat(t.to()).isEqualTo("OVERDUE");
            assertThat(t.severity()).isEqualTo(Severity.CRITICAL);
        });

        BackupResult ok = services.report(BackupReport.forPath(PG, "success"));
        assertThat(ok.paths()).containsExactly(PG);
        vigil.tick();
        assertThat(sent.transitions()).hasSize(2);
        assertThat(sent.transitions().get(1).severity()).isEqualTo(Severity.RESOLVED);

        clock.advance(Duration.ofHours(26).plusSeconds(1)); // counted from the last good backup
        vigil.tick();
        assertThat(sent.transitions()).hasSize(3);
        assertThat(sent.transitions().get(2).to()).isEqualTo("OVERDUE");
    }

    @Test
    void aBackupDeclaredLaterCountsFromTheDeclarationAndAnOverdueOneResolvesWhenNoLongerExpected() {
        services.report(HealthReport.of(PG, "OPERATIONAL"));
        clock.advance(Duration.ofDays(3));
        services.declare(PG, ServiceDeclaration.builder().backupExpected(true).backupMaxAge(Duration.ofHours(1))
                .build());
        vigil.tick();
        assertThat(get(PG).backup().alert()).isEqualTo("NONE"); // not overdue at once
        clock.advance(Duration.ofHours(1).plusMillis(1));
        vigil.tick();
        assertThat(get(PG).backup().alert()).isEqualTo("OVERDUE");
        services.declare(PG, ServiceDeclaration.DEFAULT);
        vigil.tick();
        assertThat(get(PG).backup().alert()).isEqualTo("NONE");
        assertThat(sent.transitions()).filteredOn(t -> t.aspect().equals("backup"))
                .extracting(Transition::to, Transition::severity).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("OVERDUE", Severity.CRITICAL),
                        org.assertj.core.groups.Tuple.tuple("NONE", Severity.RESOLVED));
        clock.advance(Duration.ofDays(30));
        vigil.tick();
        assertThat(sent.transitions()).filteredOn(t -> t.aspect().equals("backup")).hasSize(2);
    }

    @Test
    void aFailedBackupIsAnAlertAndAPartialOneAWarning() {
        BackupResult failed = services.report(new BackupReport(PG, null, null, "failed", 512L, "pg_dump: error"));
        assertThat(failed.status()).isEqualTo(BackupStatus.FAILED);
        services.report(BackupReport.forPath(PG, "failed")); // size and message left out: kept
        Service s = get(PG);
        assertThat(s.backup().sizeBytes()).isEqualTo(512L);
        assertThat(s.backup().message()).isEqualTo("pg_dump: error");
        assertThat(s.backup().expected()).isTrue(); // a backup report by path makes it expected
        assertThat(s.backup().alert()).isEqualTo("FAILED");
        services.report(BackupReport.forPath(PG, "partial"));
        services.report(BackupReport.forPath(PG, "success"));
        vigil.tick();
        assertThat(sent.transitions()).extracting(Transition::to, Transition::severity).containsExactly(
                org.assertj.core.groups.Tuple.tuple("FAILED", Severity.CRITICAL),
                org.assertj.core.groups.Tuple.tuple("PARTIAL", Severity.WARNING),
                org.assertj.core.groups.Tuple.tuple("OK", Severity.RESOLVED));
    }

    @Test
    void backupsBySlaGroupAndNamespaceReachOnlyMembersThatExpectBackups() {
        services.declare(PG, ServiceDeclaration.builder().slaGroup("db").namespace("data").backupExpected(true)
                .build());
        services.declare(GALERA, ServiceDeclaration.builder().slaGroup("db").namespace("data").build());
        services.report(new HealthReport(APP, "OPERATIONAL", null, null, "db", null, null, "data"));

        BackupResult bySla = services.report(BackupReport.forSlaGroup("db", "success"));
        assertThat(bySla.paths()).containsExactly(PG);
        assertThat(bySla.warnings()).isEmpty();
        BackupResult byNamespace = services.report(BackupReport.forNamespace("data", "failed"));
        assertThat(byNamespace.paths()).containsExactly(PG);
        assertThat(get(PG).backup().lastStatus()).isEqualTo(BackupStatus.FAILED);
        assertThat(get(GALERA).backup().lastStatus()).isNull();

        BackupResult none = services.report(BackupReport.forSlaGroup("nobody", "success"));
        assertThat(none.paths()).isEmpty();
        assertThat(none.warnings()).singleElement().asString().contains("nobody");
    }

    @Test
    void storageLevelsFollowFreeSpaceAndAddTheStorageTag() {
        ReportResult healthy = services.report(StorageReport.of(PG, 107374182400L, 53687091200L));
        assertThat(healthy.level()).isEqualTo(StorageLevel.HEALTHY);
        assertThat(healthy.freePercent()).isEqualTo(50.0);
        assertThat(get(PG).tags()).contains("storage");
        assertThat(services.list(ServiceFilter.ALL.withTag("storage"), null, 10)).extracting(s -> s.path().toString())
                .containsExactly(PG);

        assertThat(services.report(StorageReport.of(PG, 100, 70)).level()).isEqualTo(StorageLevel.WARNING); // 30 %
        assertThat(services.report(StorageReport.of(PG, 100, 91)).level()).isEqualTo(StorageLevel.CRITICAL);
        assertThat(services.report(StorageReport.of(PG, 1000, 899)).level()).isEqualTo(StorageLevel.WARNING);
        assertThat(services.report(StorageReport.of(PG, 0, 0)).level()).isEqualTo(StorageLevel.UNKNOWN);
        assertThat(services.report(StorageReport.of(PG, 100, 60)).level()).isEqualTo(StorageLevel.HEALTHY);
        vigil.tick();
        assertThat(sent.transitions()).extracting(Transition::to, Transition::severity).containsExactly(
                org.assertj.core.groups.Tuple.tuple("WARNING", Severity.WARNING),
                org.assertj.core.groups.Tuple.tuple("CRITICAL", Severity.CRITICAL),
                org.assertj.core.groups.Tuple.tuple("WARNING", Severity.WARNING));
        // HEALTHY after UNKNOWN is not a recovery anyone was told about
        assertThat(services.history(PG, 10).get(0).decision()).isEqualTo(Decision.NOT_ROUTED);
    }

    @Test
    void inMaintenanceAlertsAreRecordedButNotSent() {
        services.report(galera("OPERATIONAL"));
        services.report(galera("MAINTENANCE"));
        services.report(StorageReport.of(GALERA, 100, 95));
        clock.advance(Duration.ofHours(2));
        vigil.tick(); // no stale health while in maintenance
        assertThat(get(GALERA).status()).isEqualTo(HealthStatus.MAINTENANCE);
        services.report(galera("OPERATIONAL"));
        vigil.tick();
        assertThat(sent.transitions()).isEmpty();
        assertThat(services.history(GALERA, 10)).extracting(Transition::to, Transition::decision).contains(
                org.assertj.core.groups.Tuple.tuple("MAINTENANCE", Decision.MAINTENANCE),
                org.assertj.core.groups.Tuple.tuple("CRITICAL", Decision.MAINTENANCE),
                org.assertj.core.groups.Tuple.tuple("OPERATIONAL", Decision.MAINTENANCE));

        services.report(galera("DOWN")); // out of maintenance: alerts are sent again
        vigil.tick();
        assertThat(sent.transitions()).singleElement().satisfies(t -> assertThat(t.to()).isEqualTo("DOWN"));
    }

    @Test
    void aDownBehindADownDependencyIsSuppressedAndSentIfStillDownWhenItRecovers() {
        services.declare(APP, ServiceDeclaration.builder().dependsOn(PG).build());
        services.report(HealthReport.of(PG, "OPERATIONAL"));
        services.report(HealthReport.of(APP, "OPERATIONAL"));
        services.report(HealthReport.of(PG, "DOWN"));
        services.report(HealthReport.of(APP, "DOWN"));
        vigil.tick();
        assertThat(sent.transitions()).extracting(t -> t.subject().key()).containsExactly(PG);
        assertThat(services.history(APP, 1).get(0).decision()).isEqualTo(Decision.SUPPRESSED_BY_DEPENDENCY);

        services.report(HealthReport.of(PG, "OPERATIONAL"));
        vigil.tick();
        assertSent(PG + " DOWN", PG + " OPERATIONAL", APP + " DOWN");

        // a dependent that recovered before its dependency did is not sent anything
        services.report(HealthReport.of(PG, "DOWN"));
        services.report(HealthReport.of(APP, "OPERATIONAL"));
        services.report(HealthReport.of(APP, "DOWN"));
        services.report(HealthReport.of(APP, "OPERATIONAL"));
        services.report(HealthReport.of(PG, "OPERATIONAL"));
        vigil.tick();
        assertSent(PG + " DOWN", PG + " OPERATIONAL", APP + " DOWN", PG + " DOWN", APP + " OPERATIONAL",
                PG + " OPERATIONAL");
    }

    /**
     * What was sent, as "key status": each subject's notifications in the order given; different subjects' may
     * interleave, since deliveries to one destination run concurrently.
     */
    private void assertSent(String... expected) {
        List<String> actual = sent.transitions().stream().map(t -> t.subject().key() + " " + t.to()).toList();
        assertThat(actual).containsExactlyInAnyOrder(expected);
        for (String subject : List.of(expected).stream().map(e -> e.substring(0, e.lastIndexOf(' '))).distinct()
                .toList()) {
            assertThat(actual).filteredOn(e -> e.startsWith(subject + " "))
                    .containsExactlyElementsOf(List.of(expected).stream().filter(e -> e.startsWith(subject + " "))
                            .toList());
        }
    }

    @Test
    void aDependencyThatGoesStaleReleasesTheSuppressedDown() {
        services.declare(APP, ServiceDeclaration.builder().dependsOn(PG).staleAfter(Duration.ofHours(1)).build());
        services.report(HealthReport.of(PG, "DOWN"));
        services.report(HealthReport.of(APP, "DOWN"));
        clock.advance(Duration.ofMinutes(5).plusSeconds(1)); // PG stale after the default 5 min
        vigil.tick();
        vigil.tick();
        assertSent(PG + " DOWN", PG + " UNKNOWN", APP + " DOWN");
    }

    @Test
    void declaredAttributesWinAndReportsNeverRemoveThem() {
        services.declare(GALERA, ServiceDeclaration.builder().criticality("high").tags("gitops").build());
        services.report(galera("OPERATIONAL"));
        Service s = get(GALERA);
        assertThat(s.criticality()).isEqualTo("high");
        assertThat(s.slaGroup()).isEqualTo("database-cluster"); // not declared: reported
        assertThat(s.tags()).containsExactlyInAnyOrder("gitops", "database", "baremetal");
        assertThat(s.declared().criticality()).isEqualTo("high");

        services.declare(GALERA, ServiceDeclaration.builder().build()); // PUT replaces the declared fields
        assertThat(get(GALERA).criticality()).isEqualTo("critical");
        assertThatThrownBy(() -> services.declare(GALERA, ServiceDeclaration.builder().dependsOn(GALERA).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itself");
        assertThatThrownBy(() -> services.declare("a/b", ServiceDeclaration.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("five segments");
    }

    @Test
    void listsFilterAndPage() {
        services.report(galera("DOWN"));
        services.report(new HealthReport(PG, "OPERATIONAL", null, "high", "db", null, List.of("pvc"), "data"));
        services.report(new HealthReport(APP, "DEGRADED", null, "low", "apps", null, null, "billing"));
        services.report(HealthReport.of("other/x/prod/c/s", "OPERATIONAL"));
        assertThat(services.list(ServiceFilter.ALL, null, 100)).hasSize(4);
        assertThat(paths(ServiceFilter.ALL.withStatus(HealthStatus.DOWN))).containsExactly(GALERA);
        assertThat(paths(ServiceFilter.ALL.withSlaGroup("db"))).containsExactly(PG);
        assertThat(paths(ServiceFilter.ALL.withNamespace("billing"))).containsExactly(APP);
        assertThat(paths(ServiceFilter.ALL.withTag("pvc"))).containsExactly(PG);
        assertThat(paths(ServiceFilter.ALL.withCriticality("critical"))).containsExactly(GALERA);
        assertThat(paths(ServiceFilter.ALL.withPathPrefix("myorg/platform/"))).containsExactly(APP, PG);
        List<Service> first = services.list(ServiceFilter.ALL, null, 2);
        List<Service> second = services.list(ServiceFilter.ALL, first.get(1).path().toString(), 2);
        assertThat(first).hasSize(2);
        assertThat(second).hasSize(2);
        assertThat(second.get(0).path().toString()).isGreaterThan(first.get(1).path().toString());
    }

    private List<String> paths(ServiceFilter f) {
        return services.list(f, null, 100).stream().map(s -> s.path().toString()).toList();
    }

    @Test
    void theTreeRollsUpTheWorstStatusAndFlagsTheUnknownBranch() {
        services.report(galera("OPERATIONAL"));
        services.report(HealthReport.of("myorg/infra/prod/baremetal/galera-node2", "DOWN"));
        services.report(HealthReport.of(PG, "DEGRADED"));
        ReportResult padded = services.report(HealthReport.of("lonely-host", "OPERATIONAL"));
        assertThat(padded.path()).isEqualTo("unknown/unknown/unknown/unknown/lonely-host");
        assertThat(padded.warnings()).singleElement().asString().contains("1 of 5 segments");
        services.report(HealthReport.of("lonely-host", "OPERATIONAL"));

        ServiceTree tree = services.tree();
        assertThat(tree.services()).isEqualTo(4);
        assertThat(tree.roots()).extracting(ServiceTree.Node::name).containsExactly("myorg", "unknown");
        ServiceTree.Node myorg = tree.roots().get(0);
        assertThat(myorg.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(myorg.services()).isEqualTo(3);
        assertThat(myorg.unknownBranch()).isFalse();
        ServiceTree.Node platform = myorg.children().get(1);
        assertThat(platform.path()).isEqualTo("myorg/platform");
        assertThat(platform.level()).isEqualTo("domain");
        assertThat(platform.status()).isEqualTo(HealthStatus.DEGRADED);
        ServiceTree.Node unknown = tree.roots().get(1);
        assertThat(unknown.unknownBranch()).isTrue();
        assertThat(unknown.misconfiguredReports()).isEqualTo(2);
    }

    @Test
    void vigilsOwnDowntimeDoesNotMakeServicesStaleButAPeriodLaterDoes() {
        vigil.close();
        try (Vigil before = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).notifier(sent)
                .build()) {
            before.start();
            before.services().report(galera("OPERATIONAL"));
        }
        clock.advance(Duration.ofHours(3)); // nobody evaluated for far longer than stale_after
        vigil = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).notifier(sent).build();
        vigil.start(); // records the gap before evaluating anything
        vigil.tick();
        assertThat(vigil.services().get(GALERA).orElseThrow().status()).isEqualTo(HealthStatus.OPERATIONAL);
        clock.advance(Duration.ofMinutes(5).plusMillis(1));
        vigil.tick();
        assertThat(vigil.services().get(GALERA).orElseThrow().status()).isEqualTo(HealthStatus.UNKNOWN);
    }

    @Test
    void deletingAServiceRemovesItAndItsHistory() {
        services.report(galera("DOWN"));
        assertThat(services.delete(GALERA)).isTrue();
        assertThat(services.get(GALERA)).isEmpty();
        assertThat(services.history(GALERA, 10)).isEmpty();
        assertThat(services.delete(GALERA)).isFalse();
        assertThat(services.delete("not a path")).isFalse();
    }
}
