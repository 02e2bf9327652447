package dev.vigil.spring.boot;

import dev.vigil.spi.VigilStore;
import dev.vigil.store.jdbc.JdbcStore;
import dev.vigil.store.memory.MemoryStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses and builds the store {@code vigil.store} asks for; never falls back to memory silently. */
final class VigilStores {
    private static final Logger LOG = LoggerFactory.getLogger(VigilStores.class);

    private VigilStores() {
    }

    /**
     * @param unique     the application's one DataSource (or its primary), null when there is none or no unique one
     * @param candidates how many DataSource beans there are
     */
    static VigilStore create(VigilProperties p, @Nullable DataSource unique, int candidates) {
        switch (p.getStore()) {
            case MEMORY:
                return new MemoryStore();
            case JDBC:
                if (unique == null) {
                    throw new IllegalStateException("vigil.store=jdbc needs the application's DataSource, but there is "
                            + (candidates == 0 ? "none" : candidates + " and none is primary")
                            + ": configure spring.datasource.*, mark one DataSource @Primary, or define a VigilStore bean");
                }
                return jdbc(p, unique);
            default:
                if (unique == null) {
                    if (candidates > 0) {
                        throw new IllegalStateException("vigil.store=auto found " + candidates + " DataSource beans and"
                                + " none is primary: mark one @Primary, set vigil.store=memory, or define a VigilStore"
                                + " bean");
                    }
                    LOG.info("Vigil keeps its state in memory (no DataSource; vigil.store=auto): it is lost on restart");
                    return new MemoryStore();
                }
                String product = product(unique);
                if (product != null && !isSupported(product)) {
                    throw new IllegalStateException("vigil.store=auto: the application's DataSource is " + product
                            + ", and Vigil stores its state in H2 or PostgreSQL only. Set vigil.store=memory to keep it"
                            + " in memory, or define a VigilStore bean (e.g. JdbcStore on a DataSource of its own)");
                }
                // an unreachable database (product null) is JdbcStore's to report: it says so clearly
                return jdbc(p, unique);
        }
    }

    private static JdbcStore jdbc(VigilProperties p, DataSource ds) {
        VigilProperties.Jdbc j = p.getJdbc();
        JdbcStore.Builder b = JdbcStore.builder(ds);
        setting("vigil.jdbc.schema", () -> b.schema(j.getSchema()));
        setting("vigil.jdbc.table-prefix", () -> b.tablePrefix(j.getTablePrefix()));
        setting("vigil.jdbc.group-commit", () -> b.groupCommit(j.getGroupCommit()));
        b.runMigrations(j.isRunMigrations());
        try {
            return b.build();
        } catch (IllegalArgumentException e) { // schema and prefix are checked together at build
            throw new IllegalArgumentException("vigil.jdbc: " + e.getMessage(), e);
        }
    }

    private static boolean isSupported(String product) {
        String p = product.toLowerCase(Locale.ROOT);
        return p.contains("h2") || p.contains("postgres");
    }

    private static @Nullable String product(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            return null;
        }
    }

    /** Runs a builder call, naming the property when it refuses the value. */
    static void setting(String property, Runnable set) {
        try {
            set.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
        }
    }

}
