/** The status page's implementation: collecting subjects through Vigil's public API, HTML and SVG rendering. */
@NullMarked
package dev.vigil.status.internal;

import org.jspecify.annotations.NullMarked;
