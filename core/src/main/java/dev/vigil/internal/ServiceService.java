package dev.vigil.internal;

import dev.vigil.kind.Outcome;
import dev.vigil.kind.Subject;
import dev.vigil.kind.Update;
import dev.vigil.model.Signal;
import dev.vigil.observe.InputEvent;
import dev.vigil.model.SubjectRef;
import dev.vigil.model.Text;
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
import dev.vigil.service.ServicePath;
import dev.vigil.service.ServiceTree;
import dev.vigil.service.Services;
import dev.vigil.service.StorageLevel;
import dev.vigil.service.StorageReport;
import dev.vigil.spi.StoredSubject;
import dev.vigil.spi.SubjectQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** {@link Services} over the engine: reports are normalised here, then applied by {@link ServiceLogic}. */
public final class ServiceService implements Services {
    static final int MAX_MESSAGE_LENGTH = 2000;

    private final Engine engine;
    private final ServiceKind kind;
    private final SignalBus signals;

    public ServiceService(Engine engine, ServiceKind kind, SignalBus signals) {
        this.engine = engine;
        this.kind = kind;
        this.signals = signals;
    }

    @Override
    public ReportResult report(HealthReport r) {
        return engine.listeners().input(InputEvent.Input.REPORT, "health", () -> doReport(r), x -> InputEvent.Result.ACCEPTED);
    }

    private ReportResult doReport(HealthReport r) {
        List<String> warnings = new ArrayList<>();
        ServicePaths.Normalized p = ServicePaths.normalize(Text.storable(r.path()), warnings);
        HealthStatus status;
        if (r.status() == null) {
            status = HealthStatus.UNKNOWN;
            warnings.add("status is missing; stored as UNKNOWN");
        } else {
            status = HealthStatus.parse(r.status()).orElse(null);
            if (status == null) {
                warnings.add("status '" + shown(r.status()) + "' is not one of OPERATIONAL, DEGRADED, DOWN, "
                        + "MAINTENANCE, UNKNOWN; stored as UNKNOWN");
                status = HealthStatus.UNKNOWN;
            }
        }
        ServiceLogic.HealthInput in = new ServiceLogic.HealthInput(status, message(r.message(), warnings),
                new ServiceState.Attributes(attribute("criticality", r.criticality(), warnings),
                        attribute("slaGroup", r.slaGroup(), warnings),
                        attribute("serviceType", r.serviceType(), warnings),
                        attribute("namespace", r.namespace(), warnings), tags(r.tags(), warnings)),
                p.misconfigured());
        String path = p.text();
        Written w = write(path, (current, now) -> {
            ServiceDeclaration spec = current == null ? ServiceDeclaration.DEFAULT : current.spec();
            ServiceState state = current == null ? ServiceState.initial(now) : current.state();
            Outcome<ServiceState> o = ServiceLogic.health(path, spec, state, in, kind.dependencies(), now);
            return new Update.Proposal<>(spec, o, new Written(spec, o.state(), current == null, now, List.of()));
        });
        signals.publish(() -> signal(Signal.HEALTH_REPORT, "health", path, w, Map.of()));
        return new ReportResult(path, w.created(), w.state().health().status(), null, null, warnings);
    }

    @Override
    public ReportResult report(StorageReport r) {
        return engine.listeners().input(InputEvent.Input.REPORT, "storage", () -> doReport(r), x -> InputEvent.Result.ACCEPTED);
    }

    private ReportResult doReport(StorageReport r) {
        List<String> warnings = new ArrayList<>();
        ServicePaths.Normalized p = ServicePaths.normalize(Text.storable(r.path()), warnings);
        Long allocated = notNegative("allocatedBytes", r.allocatedBytes(), warnings);
        Long used = notNegative("usedBytes", r.usedBytes(), warnings);
        Double free = r.freePercent();
        if (free != null && (free.isNaN() || free < 0 || free > 100)) {
            double clamped = free.isNaN() || free < 0 ? 0 : 100;
            warnings.add("freePercent " + free + " is outside [0, 100]; clamped to " + (int) clamped);
            free = clamped;
        }
        String storageType = attribute("storageType", r.storageType(), warnings);
        String mountPath = attribute("mountPath", r.mountPath(), warnings);
        Double givenFree = free;
        String path = p.text();
        Written w = write(path, (current, now) -> {
            ServiceDeclaration spec = current == null ? ServiceDeclaration.DEFAULT : current.spec();
            ServiceState state = current == null ? ServiceState.initial(now) : current.state();
            List<String> more = new ArrayList<>(1); // per attempt: the stored facet may differ on a retry
            Service.Storage facet = storageFacet(state.storage(), allocated, used, givenFree, storageType, mountPath,
                    now, more);
            Outcome<ServiceState> o = ServiceLogic.storage(path, state,
                    new ServiceLogic.StorageInput(facet, p.misconfigured()), kind.dependencies(), now);
            return new Update.Proposal<>(spec, o, new Written(spec, o.state(), current == null, now, more));
        });
        warnings.addAll(w.warnings());
        Service.Storage s = w.state().storage();
        signals.publish(() -> signal(Signal.STORAGE_REPORT, "storage", path, w, storageFields(s)));
        return new ReportResult(path, w.created(), w.state().health().status(), s.level(), s.freePercent(), warnings);
    }

    /** The facet a storage report leaves: fields left out keep their stored value, and bytes win over percent. */
    static Service.Storage storageFacet(Service.@Nullable Storage old, @Nullable Long allocatedIn,
            @Nullable Long usedIn, @Nullable Double freeIn, @Nullable String type, @Nullable String mount,
            Instant now, List<String> warnings) {
        boolean bytesGiven = allocatedIn != null || usedIn != null;
        Long allocated = allocatedIn != null ? allocatedIn : old == null ? null : old.allocatedBytes();
        Long used = usedIn != null ? usedIn : old == null ? null : old.usedBytes();
        if (allocated != null && used != null && used > allocated) {
            warnings.add("usedBytes " + used + " is more than allocatedBytes " + allocated + "; clamped to "
                    + allocated);
            used = allocated;
        }
        StorageLevel level;
        Double free;
        if (allocated != null && allocated == 0 && (bytesGiven || freeIn == null)) {
            warnings.add("allocatedBytes is 0; the storage level is unknown");
            level = StorageLevel.UNKNOWN;
            free = null;
        } else if (bytesGiven && allocated != null && used != null) {
            free = (allocated - used) * 100.0 / allocated;
            if (freeIn != null && Math.abs(freeIn - free) > 1) {
                warnings.add(String.format(Locale.ROOT, "freePercent %s disagrees with the bytes (%.2f %% free); "
                        + "the bytes win", freeIn, free));
            }
            level = StorageLevel.ofFreePercent(free);
        } else if (freeIn != null) {
            free = freeIn;
            level = StorageLevel.ofFreePercent(free);
        } else if (old != null && old.freePercent() != null) {
            free = old.freePercent();
            level = old.level();
        } else {
            warnings.add("no allocatedBytes and usedBytes, nor freePercent; the storage level is unknown");
            free = null;
            level = StorageLevel.UNKNOWN;
        }
        return new Service.Storage(allocated, used, free, level, type != null ? type : old == null ? null
                : old.storageType(), mount != null ? mount : old == null ? null : old.mountPath(), now);
    }

    @Override
    public BackupResult report(BackupReport r) {
        return engine.listeners().input(InputEvent.Input.REPORT, "backup", () -> doReport(r), x -> InputEvent.Result.ACCEPTED);
    }

    private BackupResult doReport(BackupReport r) {
        List<String> warnings = new ArrayList<>();
        BackupStatus status;
        if (r.status() == null) {
            warnings.add("status is missing; recorded as failed");
            status = BackupStatus.FAILED;
        } else {
            status = BackupStatus.parse(r.status()).orElse(null);
            if (status == null) {
                warnings.add("status '" + shown(r.status()) + "' is not one of success, failed, partial; recorded"
                        + " as failed");
                status = BackupStatus.FAILED;
            }
        }
        Long size = notNegative("sizeBytes", r.sizeBytes(), warnings);
        String message = message(r.message(), warnings);
        String slaGroup = attribute("slaGroup", r.slaGroup(), warnings);
        String namespace = attribute("namespace", r.namespace(), warnings);
        BackupStatus st = status;
        List<String> reached = new ArrayList<>();
        if (r.path() != null || (slaGroup == null && namespace == null)) {
            if (r.path() != null && (slaGroup != null || namespace != null)) {
                warnings.add("path is given, so slaGroup and namespace were ignored");
            }
            ServicePaths.Normalized p = ServicePaths.normalize(Text.storable(r.path()), warnings);
            String path = p.text();
            ServiceLogic.BackupInput in = new ServiceLogic.BackupInput(st, size, message, p.misconfigured());
            Written w = write(path, (current, now) -> {
                // a backup reported by path makes the service one that is expected to back up
                ServiceDeclaration spec = current == null ? ServiceDeclaration.DEFAULT : current.spec();
                if (!spec.backupExpected()) {
                    spec = spec.toBuilder().backupExpected(true).build();
                }
                ServiceState state = current == null ? ServiceState.initial(now) : current.state();
                Outcome<ServiceState> o = ServiceLogic.backup(path, state, in, kind.dependencies(), now);
                return new Update.Proposal<>(spec, o, new Written(spec, o.state(), current == null, now, List.of()));
            });
            reached.add(path);
            publishBackup(path, w);
        } else {
            String label = slaGroup != null ? "sla_group" : "namespace";
            String value = slaGroup != null ? slaGroup : namespace;
            if (slaGroup != null && namespace != null) {
                warnings.add("slaGroup is given, so namespace was ignored");
            }
            ServiceLogic.BackupInput in = new ServiceLogic.BackupInput(st, size, message, false);
            for (StoredSubject s : all(Map.of(label, Set.of(value), ServiceKind.BACKUP_EXPECTED_LABEL,
                    Set.of("true")), Map.of(), Set.of())) {
                String path = s.key();
                engine.update(kind, path, (current, now) -> {
                    if (current == null || !current.spec().backupExpected()) {
                        return null; // deleted, or no longer expected, since the list
                    }
                    Outcome<ServiceState> o = ServiceLogic.backup(path, current.state(), in, kind.dependencies(),
                            now);
                    return new Update.Proposal<>(current.spec(), o,
                            new Written(current.spec(), o.state(), false, now, List.of()));
                }).ifPresent(w -> {
                    reached.add(path);
                    publishBackup(path, w);
                });
            }
            if (reached.isEmpty()) {
                warnings.add("no service with " + (slaGroup != null ? "slaGroup" : "namespace") + " '" + shown(value)
                        + "' expects backups (backup.expected=true); nothing was recorded");
            }
        }
        return new BackupResult(reached, status, warnings);
    }

    private void publishBackup(String path, Written w) {
        signals.publish(() -> {
            ServiceState.Backup b = w.state().backup();
            Map<String, String> f = new HashMap<>();
            f.put("backup_status", b.lastStatus() == null ? "" : b.lastStatus().wireName());
            f.put("backup_alert", b.alert());
            if (b.sizeBytes() != null) {
                f.put("size_bytes", Long.toString(b.sizeBytes()));
            }
            if (b.message() != null) {
                f.put("backup_message", b.message());
            }
            return signal(Signal.BACKUP_REPORT, "backup", path, w, f);
        });
    }

    @Override
    public Service declare(String path, ServiceDeclaration declaration) {
        String p = ServicePath.parse(path).toString();
        if (declaration.dependsOn().contains(p)) {
            throw new IllegalArgumentException("a service cannot depend on itself: " + p);
        }
        write(p, (current, now) -> {
            ServiceState state = current == null ? ServiceState.initial(now) : current.state();
            Outcome<ServiceState> o = ServiceLogic.declared(p, declaration, state, kind.dependencies(), now);
            return new Update.Proposal<>(declaration, o, new Written(declaration, o.state(), current == null, now,
                    List.of()));
        });
        return get(p).orElseThrow(() -> new IllegalStateException("service " + p + " vanished after it was written"));
    }

    @Override
    public Optional<Service> get(String path) {
        String p;
        try {
            p = ServicePath.parse(path).toString();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return engine.find(kind, p).map(ServiceService::view);
    }

    @Override
    public List<Service> list(ServiceFilter filter, @Nullable String afterPath, int limit) {
        Map<String, Set<String>> labels = new HashMap<>();
        if (filter.tag() != null) {
            labels.put(ServiceKind.TAG_LABEL + filter.tag(), Set.of("true"));
        }
        if (filter.slaGroup() != null) {
            labels.put("sla_group", Set.of(filter.slaGroup()));
        }
        if (filter.namespace() != null) {
            labels.put("namespace", Set.of(filter.namespace()));
        }
        if (filter.criticality() != null) {
            labels.put("criticality", Set.of(filter.criticality()));
        }
        Map<String, String> prefixes = filter.pathPrefix() == null ? Map.of() : Map.of("path", filter.pathPrefix());
        Set<String> statuses = filter.status() == null ? Set.of() : Set.of(filter.status().name());
        SubjectQuery q = new SubjectQuery(ServiceKind.NAME, labels, prefixes, statuses, afterPath, limit);
        return engine.store().subjects().list(q).stream().map(s -> view(engine.decode(kind, s))).toList();
    }

    @Override
    public ServiceTree tree() {
        Branch root = new Branch("", "");
        int count = 0;
        for (StoredSubject s : all(Map.of(), Map.of(), Set.of())) {
            ServicePath p = ServicePath.parse(s.key());
            HealthStatus status = HealthStatus.parse(s.status()).orElse(HealthStatus.UNKNOWN);
            // the tree needs only key and status; just the "unknown" branch is decoded, for its banner's count
            long misconfigured = p.isUnknownBranch() ? engine.decode(kind, s).state().misconfiguredReports() : 0;
            Branch b = root;
            for (String segment : p.segments()) {
                b.add(status, misconfigured);
                String at = b.path.isEmpty() ? segment : b.path + "/" + segment;
                b = b.children.computeIfAbsent(segment, n -> new Branch(n, at));
            }
            b.add(status, misconfigured);
            count++;
        }
        return new ServiceTree(root.children.values().stream().map(c -> c.node(0)).toList(), count);
    }

    /** A node of the tree under construction. */
    private static final class Branch {
        private static final String[] LEVELS = {"org", "domain", "env", "cluster", "service"};
        final String name;
        final String path;
        final Map<String, Branch> children = new TreeMap<>();
        HealthStatus status = HealthStatus.OPERATIONAL;
        int services;
        long misconfigured;

        Branch(String name, String path) {
            this.name = name;
            this.path = path;
        }

        void add(HealthStatus s, long misconfiguredReports) {
            status = services == 0 ? s : HealthStatus.worse(status, s);
            services++;
            misconfigured += misconfiguredReports;
        }

        ServiceTree.Node node(int depth) {
            boolean unknown = depth == 0 && name.equals(ServicePath.UNKNOWN);
            return new ServiceTree.Node(name, path, LEVELS[depth], status, services, misconfigured, unknown,
                    children.values().stream().map(c -> c.node(depth + 1)).toList());
        }
    }

    @Override
    public List<Transition> history(String path, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
        }
        return engine.store().transitions().recent(new SubjectRef(ServiceKind.NAME, ServicePath.parse(path)
                .toString()), limit);
    }

    @Override
    public boolean delete(String path) {
        String p;
        try {
            p = ServicePath.parse(path).toString();
        } catch (IllegalArgumentException e) {
            return false;
        }
        return engine.store().subjects().delete(new SubjectRef(ServiceKind.NAME, p), engine.now());
    }

    /** Every service matching the filters, page by page. */
    private List<StoredSubject> all(Map<String, Set<String>> labels, Map<String, String> prefixes,
            Set<String> statuses) {
        List<StoredSubject> out = new ArrayList<>();
        SubjectQuery q = new SubjectQuery(ServiceKind.NAME, labels, prefixes, statuses, null, SubjectQuery.MAX_LIMIT);
        while (true) {
            List<StoredSubject> page = engine.store().subjects().list(q);
            out.addAll(page);
            if (page.size() < q.limit()) {
                return out;
            }
            q = q.after(page.get(page.size() - 1).key());
        }
    }

    /** What a report wrote, for its response and its signal. */
    private record Written(ServiceDeclaration spec, ServiceState state, boolean created, Instant at,
            List<String> warnings) {
    }

    private Written write(String path, Update<ServiceDeclaration, ServiceState, Written> update) {
        return engine.update(kind, path, update)
                .orElseThrow(() -> new IllegalStateException("a service write proposed nothing"));
    }

    static Service view(Subject<ServiceDeclaration, ServiceState> s) {
        ServiceDeclaration spec = s.spec();
        ServiceState st = s.state();
        ServiceState.Attributes a = ServiceLogic.effective(spec, st.reported());
        ServiceState.Health h = st.health();
        ServiceState.Backup b = st.backup();
        return new Service(ServicePath.parse(s.key()), spec, a.criticality(), a.slaGroup(), a.serviceType(),
                a.namespace(), a.tags(), h.status(), h.message(), h.since(), h.reason(), h.lastReportAt(),
                st.storage(), new Service.Backup(spec.backupExpected(), spec.backupMaxAge(), b.alert(),
                        b.lastStatus(), b.lastReportAt(), b.lastGoodAt(), b.sizeBytes(), b.message()),
                st.lastReportAt(), st.misconfiguredReports(), s.createdAt(), s.updatedAt());
    }

    /** {@code path} is a service's key, a valid path: the component lies before its last '/', the resource after. */
    private Signal signal(String source, String connectorName, String path, Written w, Map<String, String> extra) {
        int last = path.lastIndexOf('/');
        Map<String, String> f = new HashMap<>();
        f.put("connector", "vigil");
        f.put("connector_name", connectorName);
        f.put("component", path.substring(0, last));
        f.put("resource", path.substring(last + 1));
        f.put("path", path);
        f.put("status", w.state().health().status().name());
        if (w.state().health().message() != null) {
            f.put("message", w.state().health().message());
        }
        ServiceState.Attributes a = ServiceLogic.effective(w.spec(), w.state().reported());
        putIfSet(f, "criticality", a.criticality());
        putIfSet(f, "sla_group", a.slaGroup());
        putIfSet(f, "service_type", a.serviceType());
        putIfSet(f, "namespace", a.namespace());
        if (!a.tags().isEmpty()) {
            f.put("tags", String.join(",", a.tags())); // kept sorted
        }
        f.putAll(extra);
        return new Signal(source, w.at(), f);
    }

    private static Map<String, String> storageFields(Service.Storage s) {
        Map<String, String> f = new HashMap<>();
        f.put("level", s.level().wireName());
        if (s.freePercent() != null) {
            f.put("free_percent", Double.toString(s.freePercent()));
        }
        putIfSet(f, "allocated_bytes", s.allocatedBytes() == null ? null : s.allocatedBytes().toString());
        putIfSet(f, "used_bytes", s.usedBytes() == null ? null : s.usedBytes().toString());
        putIfSet(f, "storage_type", s.storageType());
        putIfSet(f, "mount_path", s.mountPath());
        return f;
    }

    private static void putIfSet(Map<String, String> f, String name, @Nullable String value) {
        if (value != null) {
            f.put(name, value);
        }
    }

    private static @Nullable Long notNegative(String field, @Nullable Long value, List<String> warnings) {
        if (value != null && value < 0) {
            warnings.add(field + " " + value + " is negative; counted as 0");
            return 0L;
        }
        return value;
    }

    private static @Nullable String message(@Nullable String raw, List<String> warnings) {
        String m = storable("message", raw, warnings);
        if (m != null && m.length() > MAX_MESSAGE_LENGTH) {
            int cut = Character.isHighSurrogate(m.charAt(MAX_MESSAGE_LENGTH - 1)) ? MAX_MESSAGE_LENGTH - 1
                    : MAX_MESSAGE_LENGTH;
            warnings.add("message was cut to " + MAX_MESSAGE_LENGTH + " characters");
            m = m.substring(0, cut);
        }
        return m;
    }

    /** An attribute as kept: trimmed, printable, at most 200 characters; otherwise ignored with a warning. */
    private static @Nullable String attribute(String field, @Nullable String raw, List<String> warnings) {
        String v = storable(field, raw, warnings);
        if (v == null) {
            return null;
        }
        v = v.strip();
        if (v.isEmpty() || v.length() > ServiceDeclaration.MAX_ATTRIBUTE_LENGTH || !Text.isPrintable(v)) {
            warnings.add(field + " was ignored: it must be 1 to " + ServiceDeclaration.MAX_ATTRIBUTE_LENGTH
                    + " printable characters");
            return null;
        }
        return v;
    }

    private static Set<String> tags(@Nullable List<String> raw, List<String> warnings) {
        if (raw == null) {
            return Set.of();
        }
        Set<String> tags = new TreeSet<>();
        for (String t : raw) {
            String v = attribute("tag", t, warnings);
            if (v != null && tags.size() < ServiceDeclaration.MAX_ITEMS) {
                tags.add(v);
            } else if (v != null) {
                warnings.add("a service keeps at most " + ServiceDeclaration.MAX_ITEMS + " tags; the rest were"
                        + " ignored");
                break;
            }
        }
        return tags;
    }

    private static @Nullable String storable(String field, @Nullable String raw, List<String> warnings) {
        String s = Text.storable(raw);
        if (s != raw) {
            warnings.add(Text.replacedWarning(field));
        }
        return s;
    }

    private static String shown(String s) {
        return Text.forLog(s.length() > 50 ? s.substring(0, 50) + "..." : s);
    }
}
