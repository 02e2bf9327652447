package dev.vigil.internal;

import dev.vigil.kind.SubjectKind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The subject kinds one Vigil runs, by wire name. */
public final class Kinds {
    private final Map<String, SubjectKind<?, ?>> byName;

    public Kinds(Collection<? extends SubjectKind<?, ?>> kinds) {
        Map<String, SubjectKind<?, ?>> map = new LinkedHashMap<>();
        for (SubjectKind<?, ?> k : kinds) {
            if (map.put(k.name(), k) != null) {
                throw new IllegalArgumentException("two subject kinds are named '" + k.name() + "'");
            }
        }
        this.byName = Map.copyOf(map);
    }

    public @Nullable SubjectKind<?, ?> get(String name) {
        return byName.get(name);
    }

    public Collection<SubjectKind<?, ?>> all() {
        return byName.values();
    }
}
