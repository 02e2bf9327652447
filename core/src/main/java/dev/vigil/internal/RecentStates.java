package dev.vigil.internal;

import org.jspecify.annotations.Nullable;

/**
 * Remembers the decoded form of state texts this engine encoded recently, by the identity of the text: a store that
 * gives back the very string it was given (the memory store does) costs no decoding on the next input, which is
 * most of a push's work otherwise. A fixed number of slots, chosen by identity hash; a collision just replaces the
 * slot. A store that returns equal but new strings (a database) always misses and decodes, as without this.
 * Correct because a kind's codec round-trips ({@code decode(encode(s))} equals {@code s}) and states are immutable.
 */
final class RecentStates {
    private static final int SLOTS = 4096; // a power of two

    /** An immutable pair, so a racing reader sees either the old or the new slot whole. */
    private record Slot(String text, Object state) {
    }

    private final Slot[] slots = new Slot[SLOTS];

    void remember(String text, Object state) {
        slots[System.identityHashCode(text) & (SLOTS - 1)] = new Slot(text, state);
    }

    /** The state encoded as exactly this string object, or null. */
    @Nullable Object get(String text) {
        Slot s = slots[System.identityHashCode(text) & (SLOTS - 1)];
        return s != null && s.text() == text ? s.state() : null;
    }
}
