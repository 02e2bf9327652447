/**
 * Subject kinds: how a kind of monitored thing (push monitors, services, heartbeats, ...) is defined once, as
 * codecs plus pure functions, and run by Vigil's one kind-agnostic engine. Push monitors are one such kind; hosts
 * and tests can define their own and register them with {@code Vigil.Builder#kind}.
 */
@NullMarked
package dev.vigil.kind;

import org.jspecify.annotations.NullMarked;
