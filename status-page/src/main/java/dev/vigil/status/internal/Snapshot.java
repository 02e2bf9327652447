package dev.vigil.status.internal;

import dev.vigil.service.HealthStatus;
import dev.vigil.service.Service;
import dev.vigil.service.ServiceTree;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Everything the page and the badges show, read at one moment: the subjects of every kind (in the page's order),
 * the service tree, and the service records behind it (for the Storage view).
 *
 * @param kinds    kind wire name to its subjects, in display order; every kind Vigil runs has an entry, maybe empty
 * @param titles   kind wire name to its section title
 * @param services the service records by path (storage facets)
 */
public record Snapshot(Instant now, Map<String, List<Item>> kinds, Map<String, String> titles, ServiceTree tree,
        Map<String, Service> services) {

    public Snapshot {
        Map<String, List<Item>> copy = new LinkedHashMap<>();
        kinds.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        kinds = Collections.unmodifiableMap(copy);
        titles = Collections.unmodifiableMap(new LinkedHashMap<>(titles));
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    /** Every subject, kind after kind. */
    public List<Item> all() {
        List<Item> out = new ArrayList<>();
        kinds.values().forEach(out::addAll);
        return out;
    }

    public List<Item> of(String kind) {
        return kinds.getOrDefault(kind, List.of());
    }

    /** The services tagged {@code storage}, by path. */
    public List<Item> storage() {
        return of(Collector.SERVICE).stream()
                .filter(i -> services.containsKey(i.ref().key())
                        && services.get(i.ref().key()).tags().contains("storage"))
                .toList();
    }

    /** Only the subjects marked public: the tree pruned to their services, its statuses and counts worked out again. */
    public Snapshot publicOnly() {
        Map<String, List<Item>> kept = new LinkedHashMap<>();
        kinds.forEach((k, v) -> kept.put(k, v.stream().filter(Item::isPublic).toList()));
        Set<String> paths = kept.getOrDefault(Collector.SERVICE, List.of()).stream().map(i -> i.ref().key())
                .collect(Collectors.toSet());
        List<ServiceTree.Node> roots = prune(tree.roots(), paths::contains);
        Map<String, Service> svc = new LinkedHashMap<>();
        services.forEach((p, s) -> {
            if (paths.contains(p)) {
                svc.put(p, s);
            }
        });
        return new Snapshot(now, kept, titles, new ServiceTree(roots, paths.size()), svc);
    }

    private static List<ServiceTree.Node> prune(List<ServiceTree.Node> nodes, Predicate<String> keep) {
        List<ServiceTree.Node> out = new ArrayList<>();
        for (ServiceTree.Node n : nodes) {
            if (n.children().isEmpty()) {
                if (n.level().equals("service") && keep.test(n.path())) {
                    out.add(n);
                }
                continue;
            }
            List<ServiceTree.Node> children = prune(n.children(), keep);
            if (children.isEmpty()) {
                continue;
            }
            HealthStatus worst = HealthStatus.OPERATIONAL;
            int count = 0;
            long misconfigured = 0;
            for (ServiceTree.Node c : children) {
                worst = HealthStatus.worse(worst, c.status());
                count += c.services();
                misconfigured += c.misconfiguredReports();
            }
            out.add(new ServiceTree.Node(n.name(), n.path(), n.level(), worst, count, misconfigured, n.unknownBranch(),
                    children));
        }
        return out;
    }
}
