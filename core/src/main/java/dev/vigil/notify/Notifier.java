package dev.vigil.notify;

/**
 * Delivers notifications to one channel (a webhook, a mailbox, a log, a test's list). Called from the
 * dispatcher with each outbox entry; may be called again for the same {@link Notification#id()} after a crash
 * or a failure, so receivers should deduplicate on it.
 */
@FunctionalInterface
public interface Notifier {

    /** Delivers, or throws to have the dispatcher retry later with backoff. */
    void deliver(Notification notification) throws Exception;
}
