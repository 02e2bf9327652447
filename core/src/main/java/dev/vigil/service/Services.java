package dev.vigil.service;

import dev.vigil.model.Transition;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Services (seed 000): health, storage and backup reports, declarations, and what Vigil concluded from them. A
 * report creates its service when it is missing. Reports are "loud over silent": they never fail for odd input but
 * pad, clamp or ignore, and say so in their warnings. Obtained from {@code Vigil#services()}. Thread-safe.
 *
 * <pre>{@code
 * ReportResult r = vigil.services().report(HealthReport.of("myorg/infra/prod/baremetal/galera-node1", "DOWN"));
 * vigil.services().declare("myorg/platform/prod/cluster1/postgresql",
 *         ServiceDeclaration.builder().backupExpected(true).backupMaxAge(Duration.ofHours(26)).build());
 * }</pre>
 */
public interface Services {

    ReportResult report(HealthReport report);

    ReportResult report(StorageReport report);

    BackupResult report(BackupReport report);

    /**
     * Declares a service (creating it when missing), replacing its previous declaration as a whole.
     *
     * @throws IllegalArgumentException if the path is not five segments or the service depends on itself
     */
    Service declare(String path, ServiceDeclaration declaration);

    Optional<Service> get(String path);

    /** One page of services matching {@code filter}, by path, after {@code afterPath} (null for the first page). */
    List<Service> list(ServiceFilter filter, @Nullable String afterPath, int limit);

    /** Every service as a tree, with rolled-up statuses. */
    ServiceTree tree();

    /** The service's transitions (aspects {@code health}, {@code storage}, {@code backup}), newest first. */
    List<Transition> history(String path, int limit);

    /** Deletes the service and its history; false when there was none. */
    boolean delete(String path);
}
