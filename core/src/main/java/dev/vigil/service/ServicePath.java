package dev.vigil.service;

import dev.vigil.model.Text;
import java.util.List;
import java.util.Objects;

/**
 * A service's identity: the five-segment path {@code org/domain/env/cluster/service} that reports and the GitOps
 * YAML share, e.g. {@code myorg/infra/prod/baremetal/galera-node1}. Reports with a shorter or longer path are padded
 * or folded into this shape (with a warning) by the report API; {@link #parse} is the strict form.
 */
public record ServicePath(String org, String domain, String env, String cluster, String service) {
    /** Longest segment accepted. */
    public static final int MAX_SEGMENT_LENGTH = 200;
    /** The segment that pads a path that has too few. */
    public static final String UNKNOWN = "unknown";

    public ServicePath {
        check("org", org);
        check("domain", domain);
        check("env", env);
        check("cluster", cluster);
        check("service", service);
    }

    private static void check(String what, String segment) {
        Objects.requireNonNull(segment, what);
        if (segment.isEmpty() || segment.length() > MAX_SEGMENT_LENGTH || segment.indexOf('/') >= 0
                || !Text.isPrintable(segment) || !segment.strip().equals(segment)) {
            throw new IllegalArgumentException("a service path's " + what + " segment must be 1 to "
                    + MAX_SEGMENT_LENGTH + " printable characters without '/' or surrounding blanks, got '"
                    + Text.forLog(segment.length() > 50 ? segment.substring(0, 50) + "..." : segment) + "'");
        }
    }

    /**
     * Parses exactly five non-empty segments separated by {@code /}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static ServicePath parse(String path) {
        Objects.requireNonNull(path, "path");
        String[] s = path.split("/", -1);
        if (s.length != 5) {
            throw new IllegalArgumentException("a service path has five segments, org/domain/env/cluster/service, got "
                    + s.length + " in '" + Text.forLog(path.length() > 100 ? path.substring(0, 100) + "..." : path)
                    + "'");
        }
        return new ServicePath(s[0], s[1], s[2], s[3], s[4]);
    }

    public List<String> segments() {
        return List.of(org, domain, env, cluster, service);
    }

    /** True for the "unknown" branch that padded paths land in ({@code unknown/unknown/unknown/unknown/...}). */
    public boolean isUnknownBranch() {
        return org.equals(UNKNOWN) && domain.equals(UNKNOWN) && env.equals(UNKNOWN) && cluster.equals(UNKNOWN);
    }

    @Override
    public String toString() {
        return org + '/' + domain + '/' + env + '/' + cluster + '/' + service;
    }
}
