package dev.vigil.config;

import dev.vigil.model.VigilException;

/**
 * Invalid configuration. The message names the file, the line and the field, e.g.
 * {@code vigil.yaml:12: monitors[0].config.expected_interval: must be a positive number of seconds, got 'abc'}.
 */
public final class ConfigException extends VigilException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;
    private final String field;

    public ConfigException(String source, int line, String field, String problem) {
        super(source + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
        this.source = source;
        this.line = line;
        this.field = field;
    }

    /** The file (or other source) name. */
    public String source() {
        return source;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The path of the field, e.g. {@code monitors[0].config.expected_interval}; empty for the whole file. */
    public String field() {
        return field;
    }
}
