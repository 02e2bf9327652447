/**
 * Alert-rule tasks (seed 003, Akkeris kapacitor-alerts-api): {@code 5xx}, {@code memory}, {@code crashed} and
 * {@code release} tasks on apps, evaluated by Vigil itself from the metrics, crashes and releases pushed to it
 * ({@link dev.vigil.task.Apps}). Obtained from {@code vigil.tasks()} and {@code vigil.apps()}.
 */
@NullMarked
package dev.vigil.task;

import org.jspecify.annotations.NullMarked;
