package dev.vigil.store.memory;

import dev.vigil.monitor.MonitorStatus;
import dev.vigil.spi.StoredMonitor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One push monitor in the memory store: a mutable record of about 150 bytes. Instants are epoch millis
 * ({@link Compact#NONE} for null), the secret hash is four longs, the spec is the name plus a shared
 * {@link Shape}, the state fields that are usually empty live in {@link Extras}. When a written
 * {@link StoredMonitor} has anything this cannot hold exactly (a sub-millisecond instant, a secret hash in
 * another format), {@link #form} keeps that StoredMonitor as it is instead.
 *
 * <p>Every field is written under the record's lock ({@code synchronized (rec)}); {@link #version} is also
 * published with release semantics and read with acquire semantics by the lock-free read path. {@link #name} changes only in {@link NameIndex}, {@link #indexed},
 * {@link #indexKey} and {@link #heapPos} only in {@link DeadlineHeap}.
 */
final class Rec {
    private static final MonitorStatus[] STATUSES = MonitorStatus.values();

    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(Rec.class, "version", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final long id;
    /** Read and written plainly under the lock; see {@link #versionAcquire()} and {@link #publishVersion}. */
    long version;
    boolean deleted;

    String name = "";
    /** The canonical {@link Shape} (compact form), or the whole {@link StoredMonitor} (full form). */
    @Nullable Object form;

    long createdAt;
    long h0;
    long h1;
    long h2;
    long h3;
    byte status = -1;
    long statusSince;
    long lastPushAt;
    long expectedBy;
    long nextDueAt;
    int consecutiveFailures;
    int consecutiveSuccesses;
    long pushCount;
    @Nullable Extras extras;

    /** Null, one transition, or a {@link History} ring. */
    @Nullable Object history;

    boolean indexed;
    long indexKey;
    int heapPos = -1;

    Rec(long id) {
        this.id = id;
    }

    /** The version, for readers that do not hold the lock. */
    long versionAcquire() {
        return (long) VERSION.getAcquire(this);
    }

    /**
     * Sets the version after the other fields were written (under the lock). Release, not volatile: lock-free
     * readers only use it to tell whether a hot-set entry is current, and an outdated answer there merely sends
     * them to the lock or makes a compare-and-set retry; a full fence per push would buy nothing.
     */
    void publishVersion(long v) {
        VERSION.setRelease(this, v);
    }

    @Nullable Shape shape() {
        return form instanceof Shape s ? s : null;
    }

    @Nullable StoredMonitor full() {
        return form instanceof StoredMonitor m ? m : null;
    }

    @Nullable MonitorStatus status() {
        return status < 0 ? null : STATUSES[status];
    }

    static byte status(@Nullable MonitorStatus s) {
        return s == null ? -1 : (byte) s.ordinal();
    }

    /** State fields that are empty for most pushes; immutable, shared between versions while unchanged. */
    static final class Extras {
        final long runningSince;
        final @Nullable String lastPushStatus;
        final @Nullable String lastPushMessage;
        final int remindersSent;

        private Extras(long runningSince, @Nullable String lastPushStatus, @Nullable String lastPushMessage,
                int remindersSent) {
            this.runningSince = runningSince;
            this.lastPushStatus = lastPushStatus;
            this.lastPushMessage = lastPushMessage;
            this.remindersSent = remindersSent;
        }

        /** {@code old} if it holds these values already, null if all are empty, else a new instance. */
        static @Nullable Extras of(@Nullable Extras old, long runningSince, @Nullable String lastPushStatus,
                @Nullable String lastPushMessage, int remindersSent) {
            if (runningSince == Compact.NONE && lastPushStatus == null && lastPushMessage == null
                    && remindersSent == 0) {
                return null;
            }
            if (old != null && old.runningSince == runningSince && Objects.equals(old.lastPushStatus, lastPushStatus)
                    && Objects.equals(old.lastPushMessage, lastPushMessage) && old.remindersSent == remindersSent) {
                return old;
            }
            return new Extras(runningSince, lastPushStatus, lastPushMessage, remindersSent);
        }
    }
}
