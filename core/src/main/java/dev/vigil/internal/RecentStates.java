package dev.vigil.internal;

import org.jspecify.annotations.Nullable;

/**
 * Remembers the decoded form of the state texts this engine wrote last, by the identity of the text: a store that
 * gives back the very string it was given (the memory store does) costs no decoding on the next input or evaluation,
 * which is most of a push's work otherwise and a good part of a task's. A fixed number of slots, chosen by identity
 * hash; a collision just replaces the slot, and a write clears the slot of the text it replaced, so the slots hold
 * only texts the store may still hand back (at most one per subject). Used only with a store that hands back what it
 * was given ({@link dev.vigil.spi.SubjectStore#returnsWrittenObjects}). Correct because a kind's codec round-trips
 * ({@code decode(encode(s))} equals {@code s}) and states are immutable.
 */
final class RecentStates {
    /** Enough for tens of thousands of tasks due in one tick to find their states again (1 MB of references). */
    private static final int SLOTS = 1 << 18; // a power of two

    /** An immutable pair, so a racing reader sees either the old or the new slot whole. */
    private record Slot(String text, Object state) {
    }

    private final Slot[] slots = new Slot[SLOTS];

    private static int slot(String text) {
        return System.identityHashCode(text) & (SLOTS - 1);
    }

    /** A subject's state went from {@code previous} (null for a new subject) to {@code text}, decoded {@code state}. */
    void written(@Nullable String previous, String text, Object state) {
        if (previous != null) {
            int i = slot(previous);
            Slot old = slots[i];
            if (old != null && old.text() == previous) {
                slots[i] = null;
            }
        }
        slots[slot(text)] = new Slot(text, state);
    }

    /** The state encoded as exactly this string object, or null. */
    @Nullable Object get(String text) {
        Slot s = slots[slot(text)];
        return s != null && s.text() == text ? s.state() : null;
    }
}
