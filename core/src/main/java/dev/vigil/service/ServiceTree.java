package dev.vigil.service;

import java.util.List;

/**
 * The services as a tree, org → domain → env → cluster → service, with the worst health status rolled up at each
 * level. The {@code unknown} branch (padded paths) is flagged with its count of misconfigured reports.
 *
 * @param roots the orgs, by name
 */
public record ServiceTree(List<Node> roots, int services) {
    public ServiceTree {
        roots = List.copyOf(roots);
    }

    /**
     * One level of the tree.
     *
     * @param path                 the path up to this node, e.g. {@code myorg/infra}
     * @param level                {@code org}, {@code domain}, {@code env}, {@code cluster} or {@code service}
     * @param status               the worst status of the services below (its own, for a service)
     * @param services             how many services are below (1 for a service)
     * @param misconfiguredReports reports whose path was padded into the {@code unknown} branch, among the services
     *                             below (0 outside that branch)
     * @param unknownBranch        true for the {@code unknown} org that padded paths land in
     */
    public record Node(String name, String path, String level, HealthStatus status, int services,
            long misconfiguredReports, boolean unknownBranch, List<Node> children) {
        public Node {
            children = List.copyOf(children);
        }
    }
}
