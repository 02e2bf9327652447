@NullMarked
package dev.vigil.spi;

import org.jspecify.annotations.NullMarked;
