/**
 * Vigil's read-only status page and SVG badges: {@link dev.vigil.status.StatusPage} builds the route family, and
 * {@link dev.vigil.status.StatusPageProvider} contributes it with default settings to every
 * {@link dev.vigil.http.VigilHttp} built while this module is on the class path.
 */
@NullMarked
package dev.vigil.status;

import org.jspecify.annotations.NullMarked;
