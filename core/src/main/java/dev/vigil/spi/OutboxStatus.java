package dev.vigil.spi;

/** Delivery state of an outbox entry. */
public enum OutboxStatus {
    PENDING,
    DELIVERED,
    FAILED
}
