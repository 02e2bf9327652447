package dev.vigil.status.internal;

import dev.vigil.model.SubjectRef;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One subject as the page shows it, whatever its kind.
 *
 * @param name       what people call it (a monitor's name, a service's path, a heartbeat's pattern, a task's key)
 * @param urlName    the name in a public badge URL: the subject's display name in Vigil (a heartbeat's id)
 * @param status     the kind's status name, e.g. {@code NO_PUSH_YET}
 * @param since      when it took that status
 * @param lastSignal when it last heard something (a push, a report, a match, an evaluation); null if never
 * @param signalText what that signal said, e.g. a push's status and message; empty if nothing
 * @param detail     a short line of context: group, tags, pattern, ...
 * @param labels     what public selectors and group badges match: {@code kind}, {@code key}, {@code name} and the
 *                   kind's own labels
 */
public record Item(SubjectRef ref, String name, String urlName, String status, Tone tone, Instant since,
        @Nullable Instant lastSignal, String signalText, String detail, Map<String, String> labels, boolean isPublic) {

    public Item {
        labels = Map.copyOf(labels);
    }

    public String kind() {
        return ref.kind();
    }

    /** The status as a lower-case phrase: {@code no push yet}. */
    public String statusWords() {
        return status.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
