package dev.vigil.observe;

/**
 * Hears what Vigil does, for metrics, tracing or audit logs. Register any number with
 * {@code Vigil.builder().listener(...)}; every method does nothing unless overridden.
 *
 * <p>Methods are called on Vigil's own threads (the thread of the push or report, the evaluator, the dispatcher),
 * after the fact: keep them fast and never block. An exception a listener throws is logged and ignored; it never
 * fails the push, the evaluation or the delivery, and never stops the other listeners.
 */
public interface VigilListener {

    /** A push or a report was accepted, or refused (with why). */
    default void onInput(InputEvent event) {
    }

    /** A subject changed (or re-notified, or recorded an occurrence); called once the change is committed. */
    default void onTransition(TransitionEvent event) {
    }

    /** One delivery attempt of a notification ended. */
    default void onDelivery(DeliveryEvent event) {
    }

    /** One evaluation pass (background or {@code vigil.tick()}) ended. */
    default void onTick(TickEvent event) {
    }

    /** The store could not serve an operation (the database is unreachable, say). */
    default void onStoreError(StoreErrorEvent event) {
    }
}
