package dev.vigil.entity;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tag in Dynatrace's form: {@code [context]key:value}, {@code key:value} or {@code key}. Without a given context
 * it is {@code CONTEXTLESS}.
 */
public record EntityTag(String context, String key, @Nullable String value) {
    public static final String CONTEXTLESS = "CONTEXTLESS";
    static final int MAX_LENGTH = 500;

    public EntityTag {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(key, "key");
        if (key.isBlank()) {
            throw new IllegalArgumentException("a tag needs a key");
        }
    }

    /**
     * Parses {@code [context]key:value}, {@code key:value} or {@code key}; {@code \:} is a colon inside the key.
     *
     * @throws IllegalArgumentException if it is empty, longer than 500 characters or has an unclosed context
     */
    public static EntityTag parse(String text) {
        Objects.requireNonNull(text, "tag");
        String t = text.strip();
        if (t.isEmpty() || t.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a tag must have 1 to " + MAX_LENGTH + " characters");
        }
        String context = CONTEXTLESS;
        int i = 0;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 2) {
                throw new IllegalArgumentException("a tag's [context] must be closed with ']' and not empty: '" + t
                        + "'");
            }
            context = t.substring(1, close);
            i = close + 1;
        }
        StringBuilder key = new StringBuilder();
        String value = null;
        for (; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length() && (t.charAt(i + 1) == ':' || t.charAt(i + 1) == '\\')) {
                key.append(t.charAt(++i));
            } else if (c == ':') {
                value = t.substring(i + 1);
                break;
            } else {
                key.append(c);
            }
        }
        if (key.toString().isBlank()) {
            throw new IllegalArgumentException("a tag needs a key: '" + t + "'");
        }
        return new EntityTag(context, key.toString(), value);
    }

    /** The tag as Dynatrace writes it: {@code [context]key:value}, without the context when contextless. */
    public String stringRepresentation() {
        String k = key.replace("\\", "\\\\").replace(":", "\\:");
        String base = value == null ? k : k + ":" + value;
        return context.equals(CONTEXTLESS) ? base : "[" + context + "]" + base;
    }

    /** Whether a selector's tag filter matches: same key, and same context and value where the filter gives them. */
    public boolean matches(EntitySelector.TagFilter f) {
        return key.equals(f.key()) && (f.context() == null || context.equals(f.context()))
                && (f.value() == null || f.value().equals(value));
    }
}
