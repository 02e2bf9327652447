package dev.vigil.internal;

/**
 * A ring of per-minute totals of one metric, kept as running (cumulative) sums so that the total over any window
 * that fits is two reads: {@code cum(end) - cum(end - n)}. Adding to the newest minute is O(1); a late sample adds to
 * the minutes from its own to the newest. Holds {@code capacity} minutes, never more. Not thread-safe: callers lock.
 */
final class MinuteSeries {
    private static final long NONE = Long.MIN_VALUE;
    private final int capacity;
    private final double[] cumSum;
    private final long[] cumCount;
    private long head = NONE;
    private long first = NONE;

    MinuteSeries(int capacity) {
        this.capacity = capacity;
        this.cumSum = new double[capacity];
        this.cumCount = new long[capacity];
    }

    int capacity() {
        return capacity;
    }

    /** The newest minute with a slot, or {@code Long.MIN_VALUE} before the first sample. */
    long head() {
        return head;
    }

    private int slot(long minute) {
        return (int) Math.floorMod(minute, (long) capacity);
    }

    void add(long minute, double sum, long count) {
        if (head == NONE) {
            head = minute;
            first = minute;
            cumSum[slot(minute)] = sum;
            cumCount[slot(minute)] = count;
            return;
        }
        if (minute > head) {
            advance(minute);
        }
        long ringStart = head - capacity + 1;
        if (minute < ringStart) {
            return; // older than the ring holds; the roll-ups in the store still have it
        }
        if (minute < first) {
            // before the first sample but inside the ring: nothing came before it, so its running totals start at 0
            for (long m = minute; m < first; m++) {
                cumSum[slot(m)] = 0;
                cumCount[slot(m)] = 0;
            }
            first = minute;
        }
        for (long m = minute; m <= head; m++) {
            cumSum[slot(m)] += sum;
            cumCount[slot(m)] += count;
        }
    }

    private void advance(long to) {
        double s = cumSum[slot(head)];
        long c = cumCount[slot(head)];
        for (long m = Math.max(head + 1, to - capacity + 1); m <= to; m++) {
            cumSum[slot(m)] = s;
            cumCount[slot(m)] = c;
        }
        head = to;
    }

    /** The running totals up to and including {@code minute}. */
    private double sumUpTo(long minute) {
        if (head == NONE || minute < first) {
            return 0;
        }
        long m = Math.min(minute, head);
        long oldest = Math.max(first, head - capacity + 1);
        return cumSum[slot(Math.max(m, oldest))];
    }

    private long countUpTo(long minute) {
        if (head == NONE || minute < first) {
            return 0;
        }
        long m = Math.min(minute, head);
        long oldest = Math.max(first, head - capacity + 1);
        return cumCount[slot(Math.max(m, oldest))];
    }

    /** Totals over the {@code minutes} minutes ending with {@code end}: minutes in {@code (end - minutes, end]}. */
    TaskLogic.Totals window(long end, int minutes) {
        double sum = sumUpTo(end) - sumUpTo(end - minutes);
        long count = countUpTo(end) - countUpTo(end - minutes);
        return new TaskLogic.Totals(Math.max(0, sum), Math.max(0, count));
    }
}
