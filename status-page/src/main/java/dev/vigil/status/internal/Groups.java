package dev.vigil.status.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Subjects grouped by a label's value, for group badges: a push monitor's {@code group}, a service's tags
 * ({@code tag}), {@code sla_group} and {@code env}, a task's {@code app}, and every subject's {@code kind}.
 */
public final class Groups {
    /** The labels subjects are grouped by. */
    public static final List<String> LABELS = List.of("group", "tag", "sla_group", "env", "app", "kind");

    private Groups() {
    }

    /**
     * One group.
     *
     * @param badgePath where its badge is, relative to the mount point, or null
     */
    public record Group(String label, String value, List<Item> items, Tone tone, @Nullable String badgePath) {
        public Group {
            items = List.copyOf(items);
        }

        /** The badge's message: {@code 3 up}, or the count in the worst tone, {@code 1 down}. */
        public String message() {
            long n = items.stream().filter(i -> i.tone() == tone).count();
            return n + " " + tone.word();
        }
    }

    /** The values of a grouping label a subject has (several for tags). */
    public static List<String> values(Item item, String label) {
        if (label.equals("tag")) {
            List<String> tags = new ArrayList<>();
            item.labels().forEach((k, v) -> {
                if (k.startsWith("tag.") && v.equals("true") && k.length() > 4) {
                    tags.add(k.substring(4));
                }
            });
            return tags;
        }
        String v = item.labels().get(label);
        return v == null || v.isEmpty() ? List.of() : List.of(v);
    }

    /** Every (label, value) with its subjects, sorted by label then value. */
    public static Map<String, Map<String, List<Item>>> of(List<Item> items) {
        Map<String, Map<String, List<Item>>> out = new TreeMap<>((a, b) -> Integer.compare(LABELS.indexOf(a),
                LABELS.indexOf(b)));
        for (Item i : items) {
            for (String label : LABELS) {
                for (String v : values(i, label)) {
                    out.computeIfAbsent(label, k -> new TreeMap<>()).computeIfAbsent(v, k -> new ArrayList<>()).add(i);
                }
            }
        }
        return out;
    }

    /** The members of one group. */
    public static List<Item> members(List<Item> items, String label, String value) {
        return items.stream().filter(i -> values(i, label).contains(value)).toList();
    }

    public static Tone worst(List<Item> items) {
        return items.stream().map(Item::tone).reduce(Tone.UP, Tone::worse);
    }
}
