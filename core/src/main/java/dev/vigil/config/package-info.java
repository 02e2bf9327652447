@NullMarked
package dev.vigil.config;

import org.jspecify.annotations.NullMarked;
