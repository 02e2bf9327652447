@NullMarked
package dev.vigil.monitor;

import org.jspecify.annotations.NullMarked;
