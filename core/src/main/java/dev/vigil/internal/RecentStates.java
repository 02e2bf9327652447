package dev.vigil.internal;

import org.jspecify.annotations.Nullable;

/**
 * Remembers the decoded form of the state texts this engine wrote last, by the identity of the text: a store that
 * gives back the very string it was given (the memory store does) costs no decoding on the next input or evaluation,
 * which is most of a push's work otherwise and a good part of a task's. A fixed number of slots; a text may sit in
 * either of two, chosen from its identity hash, and takes a free one (two choices keep collisions rare: with 20 000
 * tasks written every minute, one in 40 is decoded again instead of one in 7). A write clears the slot of the text
 * it replaced, so the slots hold only texts the store may still hand back, at most one per subject. Used only with a
 * store that hands back what it was given ({@link dev.vigil.spi.SubjectStore#returnsWrittenObjects}). Correct
 * because a kind's codec round-trips ({@code decode(encode(s))} equals {@code s}) and states are immutable.
 */
final class RecentStates {
    /**
     * Enough for tens of thousands of tasks due in one tick to find their states again (half a MB of references),
     * and few enough that a million push monitors keep well under 1 KB of heap each (a slot keeps a decoded state).
     */
    private static final int BITS = 17;
    private static final int SLOTS = 1 << BITS;

    /** An immutable pair, so a racing reader sees either the old or the new slot whole. */
    private record Slot(String text, Object state) {
    }

    private final Slot[] slots = new Slot[SLOTS];

    private static int first(int hash) {
        return hash & (SLOTS - 1);
    }

    private static int second(int hash) {
        return (hash * 0x9E3779B9) >>> (32 - BITS); // the top bits of the hash, spread
    }

    /** A subject's state went from {@code previous} (null for a new subject) to {@code text}, decoded {@code state}. */
    void written(@Nullable String previous, String text, Object state) {
        if (previous != null) {
            int h = System.identityHashCode(previous);
            clear(first(h), previous);
            clear(second(h), previous);
        }
        int h = System.identityHashCode(text);
        int at = slots[first(h)] == null || slots[second(h)] != null ? first(h) : second(h);
        slots[at] = new Slot(text, state);
    }

    private void clear(int i, String text) {
        Slot old = slots[i];
        if (old != null && old.text() == text) {
            slots[i] = null;
        }
    }

    /** The state encoded as exactly this string object, or null. */
    @Nullable Object get(String text) {
        int h = System.identityHashCode(text);
        Slot s = slots[first(h)];
        if (s == null || s.text() != text) {
            s = slots[second(h)];
        }
        return s != null && s.text() == text ? s.state() : null;
    }
}
