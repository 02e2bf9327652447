/**
 * Micrometer meters for Vigil: {@link dev.vigil.micrometer.VigilMetrics} (a listener registered with
 * {@code Vigil.builder().listener(...)}) and {@link dev.vigil.micrometer.VigilOutboxMetrics} (outbox gauges).
 * Tags are low-cardinality only: kinds, results, severities, channel types; never a subject's name or key.
 */
@NullMarked
package dev.vigil.micrometer;

import org.jspecify.annotations.NullMarked;
