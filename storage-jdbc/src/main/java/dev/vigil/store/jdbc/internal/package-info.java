/** Implementation of the JDBC store; not an API. */
@NullMarked
package dev.vigil.store.jdbc.internal;

import org.jspecify.annotations.NullMarked;
