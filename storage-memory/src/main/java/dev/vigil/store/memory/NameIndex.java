package dev.vigil.store.memory;

import dev.vigil.monitor.DuplicateMonitorNameException;
import org.jspecify.annotations.Nullable;

/**
 * Records by name: an open-addressing table (linear probing, at most half full) of the records themselves, keyed
 * by {@link Rec#name}. About 8 bytes per monitor, where a ConcurrentHashMap entry costs ~40. Every method locks
 * the table; callers may hold a record's lock (record first, then this). A record's name changes only here.
 */
final class NameIndex {
    private Rec[] table = new Rec[16];
    private int size;

    synchronized @Nullable Rec get(String name) {
        Rec[] t = table;
        int mask = t.length - 1;
        for (int i = spread(name.hashCode()) & mask; t[i] != null; i = (i + 1) & mask) {
            if (t[i].name.equals(name)) {
                return t[i];
            }
        }
        return null;
    }

    /** Indexes {@code r} under {@code name}, unless another record has that name. */
    synchronized void add(Rec r, String name) {
        if (get(name) != null) {
            throw new DuplicateMonitorNameException(name);
        }
        r.name = name;
        insert(r);
    }

    /** Renames {@code r}, unless another record has {@code name}. */
    synchronized void rename(Rec r, String name) {
        Rec holder = get(name);
        if (holder == r) {
            return;
        }
        if (holder != null) {
            throw new DuplicateMonitorNameException(name);
        }
        remove(r);
        r.name = name;
        insert(r);
    }

    synchronized void remove(Rec r) {
        Rec[] t = table;
        int mask = t.length - 1;
        int i = spread(r.name.hashCode()) & mask;
        while (t[i] != r) {
            if (t[i] == null) {
                return;
            }
            i = (i + 1) & mask;
        }
        t[i] = null;
        size--;
        // Backward-shift deletion: move later entries of the probe run into the hole where they belong.
        for (int j = (i + 1) & mask; t[j] != null; j = (j + 1) & mask) {
            int home = spread(t[j].name.hashCode()) & mask;
            boolean movable = i <= j ? home <= i || home > j : home <= i && home > j;
            if (movable) {
                t[i] = t[j];
                t[j] = null;
                i = j;
            }
        }
        if (t.length > 16 && size < t.length / 8) {
            resize(t.length / 2);
        }
    }

    synchronized int size() {
        return size;
    }

    private void insert(Rec r) {
        if (2 * (size + 1) > table.length) {
            resize(table.length * 2);
        }
        place(table, r);
        size++;
    }

    private void resize(int capacity) {
        Rec[] bigger = new Rec[capacity];
        for (Rec r : table) {
            if (r != null) {
                place(bigger, r);
            }
        }
        table = bigger;
    }

    private static void place(Rec[] t, Rec r) {
        int mask = t.length - 1;
        int i = spread(r.name.hashCode()) & mask;
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = r;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
