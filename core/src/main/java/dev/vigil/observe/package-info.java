/**
 * Observing Vigil itself: a {@link dev.vigil.observe.VigilListener} registered with
 * {@code Vigil.builder().listener(...)} hears about inputs, transitions, deliveries, evaluator passes and store
 * errors, as small immutable events that carry only low-cardinality data (kinds, results, severities, channel
 * types; never a subject's name or key, a secret or a message). {@code vigil-micrometer} turns them into meters.
 * This package depends only on {@code dev.vigil.model}.
 */
@NullMarked
package dev.vigil.observe;

import org.jspecify.annotations.NullMarked;
