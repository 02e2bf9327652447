package dev.vigil.task;

import java.util.Locale;
import java.util.Optional;

/** The four kinds of alert-rule task of seed 003, with their wire names. */
public enum TaskType {
    /** HTTP 5xx count over 10 minutes, every minute, against its running mean and standard deviation. */
    FIVE_XX("5xx"),
    /** Mean memory per dyno over a window, checked every period, against warn and crit thresholds. */
    MEMORY("memory"),
    /** Every crash of a dyno of the app notifies once. */
    CRASHED("crashed"),
    /** Every release of the app notifies once. */
    RELEASE("release");

    private final String wireName;

    TaskType(String wireName) {
        this.wireName = wireName;
    }

    /** {@code 5xx}, {@code memory}, {@code crashed} or {@code release}, as in the routes. */
    public String wireName() {
        return wireName;
    }

    /** Whether an occurrence (a crash, a release) notifies, rather than a state evaluated on a clock. */
    public boolean isOccurrence() {
        return this == CRASHED || this == RELEASE;
    }

    public static Optional<TaskType> parse(String wireName) {
        String w = wireName.toLowerCase(Locale.ROOT);
        for (TaskType t : values()) {
            if (t.wireName.equals(w)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
