@NullMarked
package dev.vigil;

import org.jspecify.annotations.NullMarked;
