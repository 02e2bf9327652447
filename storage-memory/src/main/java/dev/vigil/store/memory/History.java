package dev.vigil.store.memory;

import dev.vigil.monitor.MonitorStatus;
import dev.vigil.model.Decision;
import dev.vigil.notify.SubjectKind;
import dev.vigil.model.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A push monitor's transition history, newest last, capped, kept on the monitor's record. Most monitors have one
 * or a few transitions, so a single one is held directly and a ring only exists from the second on. Transitions
 * are kept compact ({@link Packed}) when that loses nothing, else as they came. Guarded by the record's lock.
 */
final class History {
    private Object[] ring;
    private int head; // index of the oldest
    private int size;

    private History(Object first, Object second) {
        ring = new Object[] {first, second, null, null};
        size = 2;
    }

    /** A push monitor's transition in about 56 bytes instead of about 150: id as two longs, time as epoch millis. */
    static final class Packed {
        private static final MonitorStatus[] STATUSES = MonitorStatus.values();
        private static final Decision[] DECISIONS = Decision.values();
        final long idHi;
        final long idLo;
        final long atMillis;
        final String subjectName;
        final String reason;
        final byte from;
        final byte to;
        final byte decision;
        final String decisionDetail;

        private Packed(long[] id, long atMillis, Transition t, MonitorStatus from, MonitorStatus to) {
            this.idHi = id[0];
            this.idLo = id[1];
            this.atMillis = atMillis;
            this.subjectName = t.subjectName();
            this.reason = t.reason();
            this.from = (byte) from.ordinal();
            this.to = (byte) to.ordinal();
            this.decision = (byte) t.decision().ordinal();
            this.decisionDetail = t.decisionDetail();
        }

        Transition unpack(long subjectId) {
            return new Transition(Compact.hexId(idHi, idLo), SubjectKind.PUSH_MONITOR, subjectId, subjectName,
                    STATUSES[from], STATUSES[to], Instant.ofEpochMilli(atMillis), reason, DECISIONS[decision], decisionDetail);
        }
    }

    private static Object pack(Transition t) {
        long at = Compact.millis(t.at());
        long[] id = Compact.parseHexId(t.id());
        if (at == Compact.NONE || at == Compact.INEXACT || id == null || !(t.from() instanceof MonitorStatus from)
                || !(t.to() instanceof MonitorStatus to)) {
            return t;
        }
        return new Packed(id, at, t, from, to);
    }

    private static Transition unpack(Object o, long subjectId) {
        return o instanceof Packed p ? p.unpack(subjectId) : (Transition) o;
    }

    /** Appends {@code t} to {@code history} (null, one transition, or a ring); returns the new history. */
    static Object append(@Nullable Object history, Transition t, int cap) {
        Object packed = pack(t);
        if (history == null) {
            return packed;
        }
        if (!(history instanceof History h)) {
            if (cap == 1) {
                return packed;
            }
            return new History(history, packed);
        }
        h.add(packed, cap);
        return h;
    }

    private void add(Object t, int cap) {
        if (size == ring.length && size < cap) {
            Object[] bigger = new Object[Math.min(cap, ring.length * 2)];
            for (int i = 0; i < size; i++) {
                bigger[i] = ring[(head + i) % ring.length];
            }
            ring = bigger;
            head = 0;
        }
        if (size < ring.length) {
            ring[(head + size) % ring.length] = t;
            size++;
        } else { // full at the cap: drop the oldest
            ring[head] = t;
            head = (head + 1) % ring.length;
        }
    }

    /** Newest first, at most {@code limit}. */
    static List<Transition> recent(@Nullable Object history, long subjectId, int limit) {
        if (history == null || limit <= 0) {
            return new ArrayList<>(0);
        }
        if (!(history instanceof History h)) {
            List<Transition> one = new ArrayList<>(1);
            one.add(unpack(history, subjectId));
            return one;
        }
        List<Transition> out = new ArrayList<>(Math.min(limit, h.size));
        for (int i = h.size - 1; i >= 0 && out.size() < limit; i--) {
            out.add(unpack(h.ring[(h.head + i) % h.ring.length], subjectId));
        }
        return out;
    }
}
