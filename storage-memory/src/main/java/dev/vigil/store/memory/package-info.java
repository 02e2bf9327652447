/** The in-memory store: {@link dev.vigil.store.memory.MemoryStore}. */
@NullMarked
package dev.vigil.store.memory;

import org.jspecify.annotations.NullMarked;
