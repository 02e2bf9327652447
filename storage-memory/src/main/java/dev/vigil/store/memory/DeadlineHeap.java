package dev.vigil.store.memory;

import java.util.Arrays;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The deadline index: a binary min-heap of records by ({@link Rec#indexKey}, id), each record at most once, its
 * position kept in {@link Rec#heapPos}. About 8 bytes per indexed monitor (a skip-list entry with its boxed key
 * is ~90). All methods lock the heap; a record's {@code indexed} and {@code indexKey} change only while its own
 * lock is held as well, so they may be read under either lock. Callers take the record's lock first.
 */
final class DeadlineHeap {
    private Rec[] heap = new Rec[64];
    private int size;

    /** Indexes {@code r} at {@code key}, or moves it there if it is indexed already. */
    synchronized void put(Rec r, long key) {
        if (!r.indexed) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            r.indexed = true;
            r.indexKey = key;
            r.heapPos = size;
            heap[size++] = r;
            up(r.heapPos);
            return;
        }
        long old = r.indexKey;
        r.indexKey = key;
        if (key < old) {
            up(r.heapPos);
        } else {
            down(r.heapPos);
        }
    }

    synchronized void remove(Rec r) {
        if (!r.indexed) {
            return;
        }
        int at = r.heapPos;
        r.indexed = false;
        r.heapPos = -1;
        Rec last = heap[--size];
        heap[size] = null;
        if (at < size) {
            heap[at] = last;
            last.heapPos = at;
            down(at);
            up(last.heapPos);
        }
        if (heap.length > 64 && size < heap.length / 4) {
            heap = Arrays.copyOf(heap, heap.length / 2);
        }
    }

    /** The record with the earliest key if that key is at most {@code key}, else null. */
    synchronized @Nullable Rec firstAtOrBefore(long key) {
        return size == 0 || heap[0].indexKey > key ? null : heap[0];
    }

    synchronized OptionalLong firstKey() {
        return size == 0 ? OptionalLong.empty() : OptionalLong.of(heap[0].indexKey);
    }

    synchronized int size() {
        return size;
    }

    private static boolean less(Rec a, Rec b) {
        return a.indexKey < b.indexKey || a.indexKey == b.indexKey && a.id < b.id;
    }

    private void up(int i) {
        Rec r = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Rec p = heap[parent];
            if (!less(r, p)) {
                break;
            }
            heap[i] = p;
            p.heapPos = i;
            i = parent;
        }
        heap[i] = r;
        r.heapPos = i;
    }

    private void down(int i) {
        Rec r = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && less(heap[child + 1], heap[child])) {
                child++;
            }
            Rec c = heap[child];
            if (!less(c, r)) {
                break;
            }
            heap[i] = c;
            c.heapPos = i;
            i = child;
        }
        heap[i] = r;
        r.heapPos = i;
    }
}
