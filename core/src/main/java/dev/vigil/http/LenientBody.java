package dev.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.Text;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object read "loud over silent": every JSON object is accepted, whatever the Content-Type (including
 * {@code application/x-www-form-urlencoded}, which {@code curl -d} sends with JSON text), and every problem becomes a
 * warning for the response's {@code warnings} array instead of a 400.
 *
 * <ul>
 * <li>Values are coerced where the meaning is plain: {@code "100"} where a number is wanted, {@code 100} or
 * {@code true} where a string is wanted, {@code "true"}/{@code "false"} (any case) where a boolean is, a single
 * string where a list of strings is. A coercion is not a warning.</li>
 * <li>A value of a type that cannot be coerced ({@code "abc"} for a number, an object for a string, {@code 1.5}
 * for a whole number) is ignored, as if absent, with a warning naming the field.</li>
 * <li>A field not declared with {@link #allowOnly} is ignored with a warning.</li>
 * <li>Text with NUL characters or unpaired surrogates is kept with those replaced by U+FFFD
 * ({@link Text#storable}), with a warning.</li>
 * <li>JSON {@code null} is the same as an absent field.</li>
 * <li>A field repeated within an object keeps its last value, with a warning.</li>
 * </ul>
 *
 * Only a body that is not a JSON object (empty, malformed, an array, a string...) is refused: {@link #parse} throws
 * an {@link HttpError} 400. Warnings are capped at {@link #MAX_WARNINGS} (the last one says how many more there
 * were). Not thread-safe: one per request.
 *
 * <pre>{@code
 * LenientBody b = exchange.lenientBody().allowOnly("path", "status", "message", "allocatedBytes");
 * String path = b.string("path");
 * Long allocated = b.wholeNumber("allocatedBytes");
 * // ... respond with b.warnings()
 * }</pre>
 */
public final class LenientBody {
    /** At most this many warnings are kept; further ones are counted in the last. */
    public static final int MAX_WARNINGS = 50;

    private final ObjectNode node;
    private final String prefix;
    private final Warnings warnings;

    private static final class Warnings {
        final List<String> list = new ArrayList<>();
        int dropped;

        void add(String w) {
            if (list.size() < MAX_WARNINGS) {
                list.add(w);
            } else {
                dropped++;
            }
        }

        List<String> snapshot() {
            if (dropped == 0) {
                return List.copyOf(list);
            }
            List<String> out = new ArrayList<>(list);
            out.add(dropped + " more warning" + (dropped == 1 ? "" : "s") + " not shown");
            return Collections.unmodifiableList(out);
        }
    }

    private LenientBody(ObjectNode node, String prefix, Warnings warnings) {
        this.node = node;
        this.prefix = prefix;
        this.warnings = warnings;
    }

    /**
     * Reads a body as a JSON object, whatever the Content-Type.
     *
     * @throws HttpError 400 when the body is empty, not JSON, or a JSON value other than an object; 400 too when
     *                   it exceeds a JSON limit ({@link Json#MAX_DEPTH} and the others)
     */
    public static LenientBody parse(byte[] body) {
        Objects.requireNonNull(body, "body");
        boolean[] repeated = new boolean[1];
        JsonNode n = Json.parseLastValueWins(body, () -> repeated[0] = true);
        if (n == null) {
            throw HttpError.badRequest("Request body is required: a JSON object");
        }
        if (!n.isObject()) {
            throw HttpError.badRequest("Request body must be a JSON object, got " + Json.kind(n));
        }
        LenientBody b = of((ObjectNode) n);
        if (repeated[0]) {
            b.warn("the body repeats a field within an object; the last value of each was used");
        }
        return b;
    }

    /** A lenient view of an object already parsed. */
    public static LenientBody of(ObjectNode node) {
        return new LenientBody(Objects.requireNonNull(node, "node"), "", new Warnings());
    }

    /** The object as sent. */
    public ObjectNode node() {
        return node;
    }

    /**
     * Declares the fields this object may have; each other one is ignored with a warning
     * ({@code unknown field 'x' was ignored}). Call once per object.
     */
    public LenientBody allowOnly(String... fields) {
        Set<String> allowed = new LinkedHashSet<>(List.of(fields));
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!allowed.contains(name)) {
                warn("unknown field '" + label(prefix + name) + "' was ignored");
            }
        }
        return this;
    }

    /** Whether the field is present and not null (whatever its type). */
    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    /** A string; numbers and booleans are turned into their text; null if absent or of another type (warned). */
    public @Nullable String string(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            return storable(field, v.asText());
        }
        if (v.isNumber()) {
            return v.isIntegralNumber() ? v.bigIntegerValue().toString() : v.decimalValue().stripTrailingZeros()
                    .toPlainString();
        }
        if (v.isBoolean()) {
            return v.asText();
        }
        return ignored(field, "a string", v);
    }

    /**
     * A whole number in the range of a long: a JSON integer, a number with no fraction ({@code 100.0}), or a string
     * holding one ({@code "100"}, {@code " 100 "}). Anything else is ignored with a warning.
     */
    public @Nullable Long wholeNumber(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        BigDecimal d = decimal(v);
        if (d == null) {
            return ignored(field, "a whole number", v);
        }
        try {
            BigInteger i = d.toBigIntegerExact();
            if (i.bitLength() > 63) {
                return ignored(field, "a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE, v);
            }
            return i.longValue();
        } catch (ArithmeticException e) {
            return ignored(field, "a whole number", v);
        }
    }

    /** A finite number: a JSON number or a string holding one ({@code "12.5"}). Anything else is warned and null. */
    public @Nullable Double number(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        BigDecimal d = decimal(v);
        double x = d == null ? Double.NaN : d.doubleValue();
        if (d == null || Double.isInfinite(x)) {
            return ignored(field, "a number", v);
        }
        return x;
    }

    /** A boolean: JSON true/false, or the strings {@code "true"}/{@code "false"} in any case. */
    public @Nullable Boolean bool(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            String t = v.asText().trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return t.equals("true");
            }
        }
        return ignored(field, "true or false", v);
    }

    /**
     * A list of strings: an array of strings (numbers and booleans turned into text; other elements ignored with a
     * warning), or a single string as a list of one. Null if absent or of another type.
     */
    public @Nullable List<String> strings(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (v.isValueNode() && !v.isBinary()) {
            String s = string(field);
            return s == null ? null : List.of(s);
        }
        if (!v.isArray()) {
            return ignored(field, "a list of strings", v);
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String at = field + "[" + i + "]";
            if (e.isTextual()) {
                out.add(storable(at, e.asText()));
            } else if (e.isNumber() || e.isBoolean()) {
                out.add(e.asText());
            } else if (!e.isNull()) {
                warn(label(prefix + at) + ": expected a string, got " + Json.kind(e) + "; ignored");
            }
        }
        return List.copyOf(out);
    }

    /** A nested object, read leniently too (its warnings join this body's, named by path); null if absent. */
    public @Nullable LenientBody object(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            return ignored(field, "an object", v);
        }
        return new LenientBody((ObjectNode) v, prefix + field + ".", warnings);
    }

    /** Adds a warning of the route's own (a value clamped, a default used). */
    public LenientBody warn(String warning) {
        warnings.add(Objects.requireNonNull(warning, "warning"));
        return this;
    }

    /** Every warning so far, in order (shared with nested objects). */
    public List<String> warnings() {
        return warnings.snapshot();
    }

    private @Nullable JsonNode value(String field) {
        Objects.requireNonNull(field, "field");
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    private @Nullable String storable(String field, String s) {
        String kept = Text.storable(s);
        if (kept != s) {
            warn(Text.replacedWarning(label(prefix + field)));
        }
        return kept;
    }

    private <T> @Nullable T ignored(String field, String expected, JsonNode got) {
        warn(label(prefix + field) + ": expected " + expected + ", got " + describe(got) + "; ignored");
        return null;
    }

    private static @Nullable BigDecimal decimal(JsonNode v) {
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isTextual()) {
            String t = v.asText().trim();
            if (t.isEmpty() || t.length() > Json.MAX_NUMBER_LENGTH) {
                return null;
            }
            try {
                BigDecimal d = new BigDecimal(t);
                return Math.abs((long) d.scale()) > 1000 ? null : d; // "1e999999999" is not a measurement
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String describe(JsonNode v) {
        if (v.isTextual()) {
            String t = v.asText();
            return "the string \"" + label(t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"";
        }
        if (v.isNumber()) {
            String t = v.asText();
            return "the number " + (t.length() > 40 ? t.substring(0, 40) + "..." : t);
        }
        return Json.kind(v);
    }

    /** A name or value safe to echo: no control characters, bounded. */
    private static String label(String s) {
        String t = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        return String.valueOf(Text.storable(Text.forLog(t)));
    }
}
