package dev.vigil.testkit;

import dev.vigil.notify.Notification;
import dev.vigil.notify.Notifier;
import dev.vigil.model.Transition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Notifier} that remembers what it received, for assertions. Redeliveries of the same notification id
 * are kept in {@link #deliveries()} but counted once in {@link #transitions()}. Thread-safe.
 */
public final class RecordingNotifier implements Notifier {
    private final List<Notification> deliveries = new ArrayList<>();
    private int failuresToInject;

    @Override
    public synchronized void deliver(Notification notification) throws Exception {
        if (failuresToInject > 0) {
            failuresToInject--;
            throw new java.io.IOException("injected failure");
        }
        deliveries.add(notification);
    }

    /** Makes the next {@code n} deliveries throw, to exercise retries. */
    public synchronized RecordingNotifier failNext(int n) {
        this.failuresToInject = n;
        return this;
    }

    /** Every delivery, in order, including redeliveries. */
    public synchronized List<Notification> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The distinct transitions delivered (first delivery of each notification id), in order. */
    public synchronized List<Transition> transitions() {
        Map<String, Transition> byId = new LinkedHashMap<>();
        for (Notification n : deliveries) {
            byId.putIfAbsent(n.id(), n.transition());
        }
        return new ArrayList<>(byId.values());
    }

    public synchronized void clear() {
        deliveries.clear();
    }
}
