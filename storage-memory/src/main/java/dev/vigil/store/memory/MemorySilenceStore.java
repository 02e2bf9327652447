package dev.vigil.store.memory;

import dev.vigil.model.Silence;
import dev.vigil.spi.SilenceStore;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Silences in a map; listing sorts them (there are few). */
final class MemorySilenceStore implements SilenceStore {
    private static final Comparator<Silence> NEWEST_FIRST = Comparator.comparing(Silence::createdAt).reversed()
            .thenComparing(Silence::id);

    private final ConcurrentHashMap<String, Silence> byId = new ConcurrentHashMap<>();

    @Override
    public void insert(Silence silence) {
        if (byId.putIfAbsent(silence.id(), silence) != null) {
            throw new IllegalArgumentException("a silence with id " + silence.id() + " exists already");
        }
    }

    @Override
    public boolean update(Silence silence) {
        return byId.replace(silence.id(), silence) != null;
    }

    @Override
    public Optional<Silence> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Silence> list() {
        return byId.values().stream().sorted(NEWEST_FIRST).toList();
    }
}
