package dev.vigil.store.memory;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Records by id. Ids are dense and never reused (1, 2, 3, ...), so this is a paged array: about 4 bytes per
 * monitor instead of a hash map's ~50. Reads are lock-free; writes are rare (create, delete) and synchronized.
 * A page whose ids have all been handed out and whose records are all deleted is dropped.
 */
final class Directory<T> {
    private static final int BITS = 12;
    private static final int SIZE = 1 << BITS;
    private static final int MASK = SIZE - 1;

    private static final class Page<T> {
        final AtomicReferenceArray<T> slots = new AtomicReferenceArray<>(SIZE);
        int live;
    }

    /** Replaced, never mutated in place, so readers see either the old or the new array. */
    private volatile Page<T>[] pages = newPages(16);
    private long maxId;

    @SuppressWarnings("unchecked")
    private static <T> Page<T>[] newPages(int n) {
        return (Page<T>[]) new Page<?>[n];
    }

    @Nullable T get(long id) {
        long i = id - 1;
        Page<T>[] ps = pages;
        if (i < 0 || (i >>> BITS) >= ps.length) {
            return null;
        }
        Page<T> page = ps[(int) (i >>> BITS)];
        return page == null ? null : page.slots.get((int) (i & MASK));
    }

    synchronized void put(long id, T value) {
        long i = id - 1;
        int p = Math.toIntExact(i >>> BITS);
        Page<T>[] ps = pages;
        Page<T> page = p < ps.length ? ps[p] : null;
        if (page == null) {
            Page<T>[] next = newPages(Math.max(ps.length, Integer.highestOneBit(p) * 2));
            System.arraycopy(ps, 0, next, 0, ps.length);
            page = new Page<>();
            next[p] = page;
            pages = next;
        }
        if (page.slots.get((int) (i & MASK)) == null) {
            page.live++;
        }
        page.slots.set((int) (i & MASK), value);
        maxId = Math.max(maxId, id);
    }

    synchronized void remove(long id) {
        long i = id - 1;
        int p = (int) (i >>> BITS);
        Page<T>[] ps = pages;
        Page<T> page = p < ps.length ? ps[p] : null;
        if (page == null || page.slots.get((int) (i & MASK)) == null) {
            return;
        }
        page.slots.set((int) (i & MASK), null);
        // Drop an empty page only once no id of its range can be put again, so a reader holding the old
        // array never misses a record that exists.
        if (--page.live == 0 && maxId >= ((long) p + 1) << BITS) {
            Page<T>[] next = ps.clone();
            next[p] = null;
            pages = next;
        }
    }

    /** Every value, by id. */
    void forEach(Consumer<T> action) {
        for (Page<T> page : pages) {
            if (page != null) {
                for (int j = 0; j < SIZE; j++) {
                    T v = page.slots.get(j);
                    if (v != null) {
                        action.accept(v);
                    }
                }
            }
        }
    }
}
