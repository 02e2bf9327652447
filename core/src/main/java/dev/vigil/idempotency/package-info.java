/**
 * Idempotency keys for requests that change something: what the HTTP API's {@code Idempotency-Key} header uses,
 * obtained from {@code vigil.idempotency()}.
 */
@NullMarked
package dev.vigil.idempotency;

import org.jspecify.annotations.NullMarked;
