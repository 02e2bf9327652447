/**
 * The JDBC store: {@link dev.vigil.store.jdbc.JdbcStore}, on Jdbi 3, for H2 (embedded) and PostgreSQL (production,
 * several instances sharing one database). Everything else lives in {@code dev.vigil.store.jdbc.internal}.
 */
@NullMarked
package dev.vigil.store.jdbc;

import org.jspecify.annotations.NullMarked;
