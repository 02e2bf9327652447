package dev.vigil.internal;

import dev.vigil.heartbeat.HeartbeatSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Heartbeat patterns in memory, for matching signals. Patterns are grouped by their <em>shape</em> (the sorted set of
 * field names); within a shape, a hash map goes from the tuple of values to the one pattern that has it (patterns
 * are unique). A signal costs one hash lookup per shape whose fields it has, plus one call per match: it does not
 * grow with the number of heartbeats, only with the number of distinct shapes in use (usually a handful, such as
 * {@code connector+connector_name} or {@code component}). Lookups are lock-free; changes are rare and synchronized.
 */
final class HeartbeatIndex {

    /** One indexed heartbeat. {@code flushBy} is when its coalesced matches must be written at the latest. */
    static final class Entry {
        final String id;
        final HeartbeatSpec spec;
        /** Epoch millis of its deadline as last known; {@link Long#MIN_VALUE} when it alerts (write matches soon). */
        volatile long dueAt;

        Entry(String id, HeartbeatSpec spec, long dueAt) {
            this.id = id;
            this.spec = spec;
            this.dueAt = dueAt;
        }
    }

    private static final class Shape {
        final String[] fields;
        final ConcurrentHashMap<List<String>, Entry> byValues = new ConcurrentHashMap<>();

        Shape(String[] fields) {
            this.fields = fields;
        }
    }

    private volatile Shape[] shapes = new Shape[0];
    private final ConcurrentHashMap<String, Entry> byId = new ConcurrentHashMap<>();

    int size() {
        return byId.size();
    }

    @Nullable Entry get(String id) {
        return byId.get(id);
    }

    /** Adds or replaces the heartbeat {@code e.id}. */
    synchronized void put(Entry e) {
        Entry old = byId.get(e.id);
        if (old != null) {
            remove(e.id);
        }
        String[] fields = e.spec.pattern().keySet().toArray(new String[0]);
        Shape shape = null;
        for (Shape s : shapes) {
            if (Arrays.equals(s.fields, fields)) {
                shape = s;
                break;
            }
        }
        if (shape == null) {
            shape = new Shape(fields);
            Shape[] more = Arrays.copyOf(shapes, shapes.length + 1);
            more[shapes.length] = shape;
            shapes = more;
        }
        shape.byValues.put(List.copyOf(e.spec.pattern().values()), e);
        byId.put(e.id, e);
    }

    synchronized boolean remove(String id) {
        Entry e = byId.remove(id);
        if (e == null) {
            return false;
        }
        String[] fields = e.spec.pattern().keySet().toArray(new String[0]);
        List<Shape> kept = new ArrayList<>(shapes.length);
        for (Shape s : shapes) {
            if (Arrays.equals(s.fields, fields)) {
                s.byValues.remove(List.copyOf(e.spec.pattern().values()), e);
                if (s.byValues.isEmpty()) {
                    continue;
                }
            }
            kept.add(s);
        }
        if (kept.size() != shapes.length) {
            shapes = kept.toArray(new Shape[0]);
        }
        return true;
    }

    /** Calls {@code onMatch} for every heartbeat whose every pattern field the signal's fields equal. */
    void match(Map<String, String> fields, Consumer<Entry> onMatch) {
        Shape[] all = shapes;
        String[] values = null;
        for (Shape s : all) {
            int n = s.fields.length;
            if (n > fields.size()) {
                continue;
            }
            if (values == null || values.length != n) {
                values = new String[n];
            }
            boolean has = true;
            for (int i = 0; i < n; i++) {
                String v = fields.get(s.fields[i]);
                if (v == null) {
                    has = false; // a pattern with a field the signal lacks never matches
                    break;
                }
                values[i] = v;
            }
            if (has) {
                Entry e = s.byValues.get(Arrays.asList(values));
                if (e != null) {
                    onMatch.accept(e);
                }
            }
        }
    }

    /** Every indexed id (for tests and reloads). */
    List<String> ids() {
        return new ArrayList<>(byId.keySet());
    }
}
