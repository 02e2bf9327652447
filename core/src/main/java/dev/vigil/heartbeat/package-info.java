/**
 * Heartbeats (seed 004): patterns over every signal Vigil receives, each expected to match at least once per
 * interval, and Canopsis check events as one more source of signals. Obtained from {@code Vigil#heartbeats()}.
 */
@NullMarked
package dev.vigil.heartbeat;

import org.jspecify.annotations.NullMarked;
