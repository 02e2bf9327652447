/**
 * Events and problems (seed 001, Dynatrace's Events API v2 and Problems API v2): ingest events on the entities an
 * entity selector picks, query them, and the problems that problem-opening events open. Obtained from
 * {@code vigil.events()}.
 */
@NullMarked
package dev.vigil.event;

import org.jspecify.annotations.NullMarked;
