package dev.vigil.store.memory;

import java.time.Instant;

/** An entry of a lazily maintained deadline index: (when, what). */
record Due(Instant at, long seq, String key) implements Comparable<Due> {
    @Override
    public int compareTo(Due o) {
        int c = at.compareTo(o.at);
        if (c != 0) {
            return c;
        }
        c = Long.compare(seq, o.seq);
        return c != 0 ? c : key.compareTo(o.key);
    }
}
