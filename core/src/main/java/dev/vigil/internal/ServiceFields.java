package dev.vigil.internal;

import dev.vigil.service.ServiceDeclaration;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A service declaration's fields as people write them, mapped once for YAML {@code services:} and
 * {@code PUT /api/v1/services/{path}}: {@code criticality}, {@code sla_group}, {@code service_type},
 * {@code namespace}, {@code tags}, {@code backup: {expected, max_age}}, {@code stale_after}, {@code depends_on};
 * durations as seconds or {@code 26h}, {@code 5m}. Fields left out take their defaults (a declaration is replaced
 * as a whole).
 */
public final class ServiceFields {
    public static final Set<String> DECLARATION = Set.of("criticality", "sla_group", "service_type", "namespace",
            "tags", "backup", "stale_after", "depends_on");
    /** A YAML entry: the declaration's fields and its {@code path}. */
    public static final Set<String> YAML_ENTRY = Set.of("path", "criticality", "sla_group", "service_type",
            "namespace", "tags", "backup", "stale_after", "depends_on");
    public static final Set<String> BACKUP = Set.of("expected", "max_age");

    private ServiceFields() {
    }

    /** The declaration {@code f} describes; errors name the field, in the format's own way. */
    public static ServiceDeclaration declaration(PushMonitorFields.Source f) {
        ServiceDeclaration.Builder b = ServiceDeclaration.builder();
        set(f, "criticality", f.string("criticality"), b::criticality);
        set(f, "sla_group", f.string("sla_group"), b::slaGroup);
        set(f, "service_type", f.string("service_type"), b::serviceType);
        set(f, "namespace", f.string("namespace"), b::namespace);
        List<String> tags = f.strings("tags");
        set(f, "tags", tags, t -> b.tags(t));
        PushMonitorFields.Source backup = f.object("backup");
        if (backup != null) {
            backup.allowOnly(BACKUP);
            Boolean expected = backup.bool("expected");
            if (expected != null) {
                b.backupExpected(expected);
            }
            set(backup, "max_age", backup.duration("max_age"), b::backupMaxAge);
        }
        Duration stale = f.duration("stale_after");
        set(f, "stale_after", stale, b::staleAfter);
        List<String> deps = f.strings("depends_on");
        set(f, "depends_on", deps, d -> b.dependsOn(d));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw f.invalid("", e);
        }
    }

    private static <V> void set(PushMonitorFields.Source f, String field, @Nullable V value, Consumer<V> setter) {
        if (value == null) {
            return;
        }
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            throw f.error(field, e.getMessage());
        }
    }
}
