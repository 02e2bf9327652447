package dev.vigil.internal;

import dev.vigil.notify.Notification;
import dev.vigil.notify.Notifier;
import dev.vigil.notify.UndeliverableException;

/**
 * Stands in for a channel that tasks' targets use but the configuration does not define ({@code slack},
 * {@code email}): every delivery fails at once, visibly in the outbox, with what to configure.
 */
public final class UnconfiguredChannel implements Notifier {
    private final String advice;

    public UnconfiguredChannel(String advice) {
        this.advice = advice;
    }

    public String advice() {
        return advice;
    }

    @Override
    public void deliver(Notification n) throws UndeliverableException {
        throw new UndeliverableException(advice);
    }

    @Override
    public String toString() {
        return "UnconfiguredChannel[" + advice + "]";
    }
}
