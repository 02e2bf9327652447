package dev.vigil.store.jdbc.internal;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where Vigil's tables live: an optional schema and a table name prefix. Both are plain SQL identifiers (checked
 * here, never quoted), so they fold to the database's usual case like the rest of the SQL.
 */
public final class Tables {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,39}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,29}|");

    private final @Nullable String schema;
    private final String prefix;

    public Tables(@Nullable String schema, String prefix) {
        if (schema != null && !IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema must be a plain SQL identifier (letters, digits, _; at most 40"
                    + " characters, not starting with a digit), got '" + schema + "'");
        }
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("tablePrefix must be empty or a plain SQL identifier (letters, digits, _;"
                    + " at most 30 characters, not starting with a digit), got '" + prefix + "'");
        }
        this.schema = schema;
        this.prefix = prefix;
    }

    public @Nullable String schema() {
        return schema;
    }

    public String prefix() {
        return prefix;
    }

    /** The qualified name of one of Vigil's tables, e.g. {@code monitoring.vigil_subject}. */
    public String table(String name) {
        return qualifier() + prefix + name;
    }

    /** {@code "schema."} or empty: the {@code ${schema}} placeholder of the migration scripts. */
    public String qualifier() {
        return schema == null ? "" : schema + ".";
    }

    public String subject() {
        return table("subject");
    }

    public String subjectLabel() {
        return table("subject_label");
    }

    public String subjectChange() {
        return table("subject_change");
    }

    public String record() {
        return table("record");
    }

    public String rollup() {
        return table("rollup");
    }

    public String idempotency() {
        return table("idempotency");
    }

    public String watermark() {
        return table("watermark");
    }

    public String gap() {
        return table("gap");
    }

    public String sequence() {
        return table("sequence");
    }

    public String transition() {
        return table("transition");
    }

    public String outbox() {
        return table("outbox");
    }

    public String silence() {
        return table("silence");
    }

    public String version() {
        return table("schema_version");
    }

    public String lock() {
        return table("schema_lock");
    }

    /** Expands the Flyway-style placeholders {@code ${schema}} and {@code ${prefix}} of a migration script. */
    public String expand(String sql) {
        return sql.replace("${schema}", qualifier()).replace("${prefix}", prefix);
    }

    @Override
    public String toString() {
        return table("*");
    }
}
