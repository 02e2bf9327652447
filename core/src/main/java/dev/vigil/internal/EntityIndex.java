package dev.vigil.internal;

import dev.vigil.entity.EntityTag;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * In-memory indexes over entities: by id, by type, by lower-cased name, by tag key, and relationships as adjacency
 * in both directions, plus the entities with open problems. Plain maps under one read-write lock; the registry
 * keeps it in step with the store's change feed.
 */
public final class EntityIndex {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, IndexedEntity> byId = new HashMap<>();
    private final Map<String, Set<String>> byType = new HashMap<>();
    private final Map<String, Set<String>> byName = new HashMap<>();
    private final Map<String, Set<String>> byTagKey = new HashMap<>();
    /** target id, relation, source ids: who points at the target. */
    private final Map<String, Map<String, Set<String>>> incoming = new HashMap<>();
    /** entity id to the keys of its open problems. */
    private final Map<String, Set<String>> openProblems = new HashMap<>();

    /** Adds or replaces an entity. */
    public void put(IndexedEntity e) {
        lock.writeLock().lock();
        try {
            IndexedEntity old = byId.remove(e.id());
            if (old != null) {
                unindex(old);
            }
            byId.put(e.id(), e);
            add(byType, e.type(), e.id());
            add(byName, e.lowerName(), e.id());
            for (EntityTag t : e.tags()) {
                add(byTagKey, t.key(), e.id());
            }
            for (Map.Entry<String, List<String>> r : e.from().entrySet()) {
                for (String target : r.getValue()) {
                    incoming.computeIfAbsent(target, k -> new HashMap<>(2)).computeIfAbsent(r.getKey(),
                            k -> new HashSet<>()).add(e.id());
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void remove(String id) {
        lock.writeLock().lock();
        try {
            IndexedEntity old = byId.remove(id);
            if (old != null) {
                unindex(old);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void unindex(IndexedEntity e) {
        drop(byType, e.type(), e.id());
        drop(byName, e.lowerName(), e.id());
        for (EntityTag t : e.tags()) {
            drop(byTagKey, t.key(), e.id());
        }
        for (Map.Entry<String, List<String>> r : e.from().entrySet()) {
            for (String target : r.getValue()) {
                Map<String, Set<String>> in = incoming.get(target);
                if (in != null) {
                    drop(in, r.getKey(), e.id());
                    if (in.isEmpty()) {
                        incoming.remove(target);
                    }
                }
            }
        }
    }

    /** Records whether problem {@code problemKey} on {@code entityId} is open. */
    public void problem(String entityId, String problemKey, boolean open) {
        lock.writeLock().lock();
        try {
            if (open) {
                add(openProblems, entityId, problemKey);
            } else {
                drop(openProblems, entityId, problemKey);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void clear() {
        lock.writeLock().lock();
        try {
            byId.clear();
            byType.clear();
            byName.clear();
            byTagKey.clear();
            incoming.clear();
            openProblems.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public @Nullable IndexedEntity get(String id) {
        lock.readLock().lock();
        try {
            return byId.get(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return byId.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean hasOpenProblem(String id) {
        lock.readLock().lock();
        try {
            return openProblems.containsKey(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A read-only view for one evaluation, under the read lock; close it when done. */
    public View read() {
        lock.readLock().lock();
        return new View();
    }

    /** Lookups within one read lock. */
    public final class View implements AutoCloseable {
        private View() {
        }

        public @Nullable IndexedEntity get(String id) {
            return byId.get(id);
        }

        public Set<String> ofType(String type) {
            return byType.getOrDefault(type, Set.of());
        }

        public Set<String> named(String lowerName) {
            return byName.getOrDefault(lowerName, Set.of());
        }

        public Set<String> taggedWith(String key) {
            return byTagKey.getOrDefault(key, Set.of());
        }

        /** The ids that have relation {@code rel} to {@code target}. */
        public Set<String> pointingAt(String target, String rel) {
            Map<String, Set<String>> in = incoming.get(target);
            return in == null ? Set.of() : in.getOrDefault(rel, Set.of());
        }

        /** Every relation pointing at {@code target}, by name. */
        public Map<String, Set<String>> incoming(String target) {
            return incoming.getOrDefault(target, Map.of());
        }

        public boolean hasOpenProblem(String id) {
            return openProblems.containsKey(id);
        }

        public Collection<IndexedEntity> all() {
            return byId.values();
        }

        @Override
        public void close() {
            lock.readLock().unlock();
        }
    }

    private static void add(Map<String, Set<String>> m, String k, String id) {
        m.computeIfAbsent(k, x -> new HashSet<>(4)).add(id);
    }

    private static void drop(Map<String, Set<String>> m, String k, String id) {
        Set<String> s = m.get(k);
        if (s != null) {
            s.remove(id);
            if (s.isEmpty()) {
                m.remove(k);
            }
        }
    }
}
