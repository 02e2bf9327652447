/**
 * What every kind of monitored subject shares: its reference (kind + key), status names, severities, transitions,
 * notification decisions, signals and silences. This package imports nothing else of Vigil; everything else may
 * import it.
 */
@NullMarked
package dev.vigil.model;

import org.jspecify.annotations.NullMarked;
