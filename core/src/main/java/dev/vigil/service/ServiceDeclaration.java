package dev.vigil.service;

import dev.vigil.model.Text;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What an operator declares about a service ahead of, or beside, its pushes: YAML {@code services:} and
 * {@code PUT /api/v1/services/{path}}. A declaration replaces the previous one as a whole; reports never remove what
 * it says. Declared attributes win over reported ones (a report fills in what is not declared); tags are the union
 * of declared and reported ones.
 *
 * @param backupExpected whether a backup must arrive every {@code backupMaxAge}; a backup report by path sets it
 * @param backupMaxAge   how old the last good backup may get before it is overdue (default 26 h)
 * @param staleAfter     how long after its last health report a service becomes {@code UNKNOWN} (default 5 min)
 * @param dependsOn      paths of services this one depends on: while one of them is {@code DOWN}, this one's
 *                       {@code DOWN} is recorded and not sent (sent if still {@code DOWN} when they recover)
 */
public record ServiceDeclaration(
        @Nullable String criticality,
        @Nullable String slaGroup,
        @Nullable String serviceType,
        @Nullable String namespace,
        Set<String> tags,
        boolean backupExpected,
        Duration backupMaxAge,
        Duration staleAfter,
        List<String> dependsOn) {

    public static final Duration DEFAULT_BACKUP_MAX_AGE = Duration.ofHours(26);
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(5);
    /** Longest attribute or tag accepted. */
    public static final int MAX_ATTRIBUTE_LENGTH = 200;
    /** Most tags and dependencies a service may have. */
    public static final int MAX_ITEMS = 100;
    private static final Duration MIN_DURATION = Duration.ofSeconds(1);
    private static final Duration MAX_DURATION = Duration.ofDays(366);

    /** No attributes, no expected backup, default ages. */
    public static final ServiceDeclaration DEFAULT = builder().build();

    public ServiceDeclaration {
        attribute("criticality", criticality);
        attribute("slaGroup", slaGroup);
        attribute("serviceType", serviceType);
        attribute("namespace", namespace);
        Objects.requireNonNull(tags, "tags");
        if (tags.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("a service has at most " + MAX_ITEMS + " tags, got " + tags.size());
        }
        tags.forEach(t -> attribute("tag", t));
        tags = Set.copyOf(new TreeSet<>(tags));
        duration("backupMaxAge", backupMaxAge);
        duration("staleAfter", staleAfter);
        Objects.requireNonNull(dependsOn, "dependsOn");
        if (dependsOn.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("a service depends on at most " + MAX_ITEMS + " others, got "
                    + dependsOn.size());
        }
        List<String> deps = new ArrayList<>();
        for (String d : dependsOn) {
            String p = ServicePath.parse(d).toString();
            if (!deps.contains(p)) {
                deps.add(p);
            }
        }
        dependsOn = List.copyOf(deps);
    }

    private static void attribute(String what, @Nullable String value) {
        if (value != null && (value.isBlank() || value.length() > MAX_ATTRIBUTE_LENGTH || !Text.isPrintable(value))) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_ATTRIBUTE_LENGTH
                    + " printable characters, not blank");
        }
    }

    private static void duration(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.compareTo(MIN_DURATION) < 0 || d.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException(what + " must be between 1 second and 366 days, got " + d);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.criticality = criticality;
        b.slaGroup = slaGroup;
        b.serviceType = serviceType;
        b.namespace = namespace;
        b.tags = new TreeSet<>(tags);
        b.backupExpected = backupExpected;
        b.backupMaxAge = backupMaxAge;
        b.staleAfter = staleAfter;
        b.dependsOn = new ArrayList<>(dependsOn);
        return b;
    }

    /** Builds a declaration; setters check their argument at once, {@link #build()} the whole. */
    public static final class Builder {
        private @Nullable String criticality;
        private @Nullable String slaGroup;
        private @Nullable String serviceType;
        private @Nullable String namespace;
        private Set<String> tags = new TreeSet<>();
        private boolean backupExpected;
        private Duration backupMaxAge = DEFAULT_BACKUP_MAX_AGE;
        private Duration staleAfter = DEFAULT_STALE_AFTER;
        private List<String> dependsOn = new ArrayList<>();

        private Builder() {
        }

        public Builder criticality(@Nullable String value) {
            attribute("criticality", value);
            this.criticality = value;
            return this;
        }

        public Builder slaGroup(@Nullable String value) {
            attribute("slaGroup", value);
            this.slaGroup = value;
            return this;
        }

        public Builder serviceType(@Nullable String value) {
            attribute("serviceType", value);
            this.serviceType = value;
            return this;
        }

        public Builder namespace(@Nullable String value) {
            attribute("namespace", value);
            this.namespace = value;
            return this;
        }

        public Builder tags(String... values) {
            return tags(List.of(values));
        }

        public Builder tags(java.util.Collection<String> values) {
            values.forEach(t -> attribute("tag", t));
            this.tags = new TreeSet<>(values);
            return this;
        }

        public Builder backupExpected(boolean expected) {
            this.backupExpected = expected;
            return this;
        }

        public Builder backupMaxAge(Duration maxAge) {
            duration("backupMaxAge", maxAge);
            this.backupMaxAge = maxAge;
            return this;
        }

        public Builder staleAfter(Duration after) {
            duration("staleAfter", after);
            this.staleAfter = after;
            return this;
        }

        public Builder dependsOn(String... paths) {
            return dependsOn(List.of(paths));
        }

        public Builder dependsOn(List<String> paths) {
            paths.forEach(ServicePath::parse);
            this.dependsOn = new ArrayList<>(paths);
            return this;
        }

        public ServiceDeclaration build() {
            return new ServiceDeclaration(criticality, slaGroup, serviceType, namespace, tags, backupExpected,
                    backupMaxAge, staleAfter, dependsOn);
        }
    }
}
