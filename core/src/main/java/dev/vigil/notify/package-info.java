@NullMarked
package dev.vigil.notify;

import org.jspecify.annotations.NullMarked;
