package dev.vigil.store.jdbc.internal;

/**
 * Named sequences in one table ({@code name, last_value}): an atomic increment, never reused. PostgreSQL does it in
 * one upsert; H2 increments in a transaction (the row lock orders concurrent callers) and inserts a missing row.
 */
public final class JdbcSequences {
    private final Db db;
    private final Tables tables;
    private final boolean postgres;

    public JdbcSequences(Db db, Tables tables, boolean postgres) {
        this.db = db;
        this.tables = tables;
        this.postgres = postgres;
    }

    public long next(String sequence) {
        if (sequence.isEmpty() || sequence.length() > 200) {
            throw new IllegalArgumentException("a sequence name needs 1 to 200 characters");
        }
        String t = tables.sequence();
        if (postgres) {
            return db.tx("taking the next id", h -> h.createQuery("INSERT INTO " + t + " AS s (name, last_value)"
                    + " VALUES (:name, 1) ON CONFLICT (name) DO UPDATE SET last_value = s.last_value + 1"
                    + " RETURNING last_value").bind("name", sequence).mapTo(Long.class).one());
        }
        for (int attempt = 0;; attempt++) {
            try {
                return db.tx("taking the next id", h -> {
                    int n = h.createUpdate("UPDATE " + t + " SET last_value = last_value + 1 WHERE name = :name")
                            .bind("name", sequence).execute();
                    if (n == 0) {
                        h.createUpdate("INSERT INTO " + t + " (name, last_value) VALUES (:name, 1)")
                                .bind("name", sequence).execute();
                        return 1L;
                    }
                    return h.createQuery("SELECT last_value FROM " + t + " WHERE name = :name").bind("name", sequence)
                            .mapTo(Long.class).one();
                });
            } catch (RuntimeException e) {
                if (attempt >= 3 || !(Errors.isUniqueViolation(e) || Errors.isLostRace(e))) {
                    throw e;
                }
                // another caller created the row meanwhile: increment it
            }
        }
    }
}
