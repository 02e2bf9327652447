@NullMarked
package dev.vigil.internal;

import org.jspecify.annotations.NullMarked;
