/** Routing, JSON binding, authentication checks and the route handlers behind {@link dev.vigil.http.VigilHttp}. */
@NullMarked
package dev.vigil.http.internal;

import org.jspecify.annotations.NullMarked;
