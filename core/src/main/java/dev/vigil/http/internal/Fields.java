package dev.vigil.http.internal;

import dev.vigil.http.Json;
import dev.vigil.http.HttpError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.internal.Durations;
import dev.vigil.internal.PushMonitorFields;
import dev.vigil.model.Text;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Typed access to the fields of one JSON object, with errors (400) that name the field by its path, e.g.
 * {@code config.expected_interval: must be a number of seconds or a duration such as 90s, 15m, 1h30m}.
 */
public final class Fields implements PushMonitorFields.Source {
    private final ObjectNode node;
    private final String prefix;

    public Fields(ObjectNode node, String path) {
        this.node = node;
        this.prefix = path.isEmpty() ? "" : path + ".";
    }

    /** Rejects any field not in {@code allowed}. */
    @Override
    public Fields allowOnly(Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw HttpError.badRequest("Unknown field '" + prefix + Text.forLog(name) + "' (expected one of: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
        return this;
    }

    @Override
    public boolean has(String field) {
        return node.has(field);
    }

    /** Present with an explicit JSON null. */
    @Override
    public boolean isNull(String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNull();
    }

    public String path(String field) {
        return prefix + field;
    }

    @Override
    public HttpError error(String field, String problem) {
        return HttpError.badRequest(path(field) + ": " + problem);
    }

    @Override
    public HttpError error(String field, int index, String problem) {
        return error(field + "[" + index + "]", problem);
    }

    /** The message of a model's validation names the field itself. */
    @Override
    public HttpError invalid(String field, IllegalArgumentException e) {
        return HttpError.badRequest(e.getMessage());
    }

    public String requiredString(String field) {
        String s = string(field);
        if (s == null) {
            throw error(field, "is required");
        }
        return s;
    }

    /** A string, or null when absent or null. */
    @Override
    public @Nullable String string(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw error(field, "must be a string, got " + Json.kind(v));
        }
        return v.textValue();
    }

    @Override
    public @Nullable Boolean bool(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw error(field, "must be true or false, got " + Json.kind(v));
        }
        return v.booleanValue();
    }

    @Override
    public @Nullable Integer integer(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(field, "must be a whole number, got " + (v.isNumber() ? v.asText() : Json.kind(v)));
        }
        return v.intValue();
    }

    /** Seconds as a whole number, or a string such as {@code 90s}, {@code 15m}, {@code 1h30m}, {@code 2d}. */
    @Override
    public @Nullable Duration duration(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            long seconds = v.longValue();
            if (seconds < 0) {
                throw error(field, "must not be negative, got " + seconds);
            }
            return Duration.ofSeconds(seconds);
        }
        if (v.isTextual()) {
            try {
                return Durations.parse(v.textValue());
            } catch (IllegalArgumentException | ArithmeticException e) {
                // fall through to the common message
            }
        }
        throw error(field, "must be a whole number of seconds or a duration such as 90s, 15m, 1h30m, 2d; got "
                + (v.isTextual() ? "'" + Text.forLog(v.textValue()) + "'" : v.isNumber() ? v.asText() : Json.kind(v)));
    }

    /** A list of strings, or null when absent or null. */
    @Override
    public @Nullable List<String> strings(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw error(field, "must be an array of strings, got " + Json.kind(v));
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual()) {
                throw error(field, i, "must be a string, got " + Json.kind(item));
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** A nested object, or null when absent or null. */
    @Override
    public @Nullable Fields object(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw error(field, "must be an object, got " + Json.kind(v));
        }
        return new Fields((ObjectNode) v, path(field));
    }
}
