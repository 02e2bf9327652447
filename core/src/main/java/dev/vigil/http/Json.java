package dev.vigil.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.Text;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * JSON for the HTTP API (public for route authors): a dedicated mapper (never a global override) whose parser limits nesting, string, name and
 * number lengths, rejects duplicate keys and trailing content, and has no default typing. Bodies are read as trees
 * and bound by hand, so every error names the field.
 */
public final class Json {
    public static final int MAX_DEPTH = 64;
    public static final int MAX_STRING_LENGTH = 1_000_000;
    public static final int MAX_NUMBER_LENGTH = 100;
    public static final int MAX_NAME_LENGTH = 1_000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    /**
     * Bodies are only read as trees, so the tree reader finds repeated keys (the parser's own detection would keep
     * a set of names per object on every request for the same answer).
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    /** The same limits, but a repeated key keeps its last value (for bodies read "loud over silent"). */
    private static final ObjectMapper LAST_VALUE_WINS = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** The body as a JSON value, or null when it is empty or only whitespace. */
    public static @Nullable JsonNode parse(byte[] body) {
        return parse(body, MAPPER, null);
    }

    /**
     * Like {@link #parse(byte[])}, but a key repeated within an object keeps its last value instead of failing;
     * {@code onRepeatedKey} runs when that happened. Bodies without repeats are parsed once.
     */
    static @Nullable JsonNode parseLastValueWins(byte[] body, Runnable onRepeatedKey) {
        return parse(body, MAPPER, onRepeatedKey);
    }

    private static @Nullable JsonNode parse(byte[] body, ObjectMapper mapper, @Nullable Runnable onRepeatedKey) {
        if (isBlank(body)) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (StreamConstraintsException e) {
            throw HttpError.badRequest("Request body exceeds a JSON limit: " + limitExceeded(e));
        } catch (JsonProcessingException e) {
            if (onRepeatedKey != null && String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
                onRepeatedKey.run();
                return parse(body, LAST_VALUE_WINS, null);
            }
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw HttpError.badRequest("Malformed JSON" + where + ": " + problem(e));
        } catch (IOException e) {
            throw HttpError.badRequest("Malformed JSON: the body could not be read as JSON text");
        }
    }

    /**
     * What is wrong with the JSON, in the user's terms: Jackson's own messages name Java types and Jackson features
     * ({@code JsonNode}, {@code DeserializationFeature}, {@code StreamReadConstraints}), which mean nothing to
     * someone sending a request. The parser's plain descriptions ("Unexpected character ...") are kept, cut before
     * any such reference.
     */
    static String problem(JsonProcessingException e) {
        if (e instanceof MismatchedInputException) { // readTree raises it for FAIL_ON_TRAILING_TOKENS and repeats
            String m = String.valueOf(e.getOriginalMessage());
            if (m.startsWith("Duplicate field")) { // "Duplicate field 'a' for `ObjectNode`: not allowed when ..."
                int end = m.indexOf(" for `");
                return plain(end < 0 ? "Duplicate field" : m.substring(0, end));
            }
            return m.startsWith("Trailing token") ? "unexpected content after the JSON value (send exactly one value)"
                    : "not a valid JSON value";
        }
        if (e instanceof JsonEOFException) {
            String m = String.valueOf(e.getOriginalMessage());
            if (m.contains("close marker for Object")) {
                return "the body ends before the object is closed (missing '}')";
            }
            if (m.contains("close marker for Array")) {
                return "the body ends before the array is closed (missing ']')";
            }
            return m.contains("VALUE_STRING") || m.contains("String value")
                    ? "the body ends inside a string (missing '\"')" : "the body ends in the middle of a value";
        }
        return plain(firstLine(e.getOriginalMessage()));
    }

    private static String limitExceeded(StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.contains("nesting depth")) {
            return "objects and arrays are nested more than " + MAX_DEPTH + " levels deep";
        }
        if (m.contains("Number value length")) {
            return "a number is longer than " + MAX_NUMBER_LENGTH + " digits";
        }
        if (m.contains("Name length") || m.contains("name length")) {
            return "a field name is longer than " + MAX_NAME_LENGTH + " characters";
        }
        if (m.contains("String value length") || m.contains("string value length")) {
            return "a string is longer than " + MAX_STRING_LENGTH + " characters";
        }
        return "the document is too large or too deep";
    }

    /**
     * A parser message without the parts that name internals: a trailing "(start marker at [Source: ...])", a
     * ": enable `SomeFeature` to allow" hint, backquoted Java names. Anything still naming Java or Jackson gives way to
     * a generic phrase.
     */
    private static String plain(String m) {
        for (String cut : new String[] {" (start marker at", " [Source", ": enable `", " (for ", " (bound as"}) {
            int i = m.indexOf(cut);
            if (i > 0) {
                m = m.substring(0, i);
            }
        }
        if (m.isBlank() || m.indexOf('`') >= 0 || m.contains("com.fasterxml") || m.contains("jackson")
                || m.contains("Jackson") || m.contains("Feature") || m.contains("java.")) {
            return "not valid JSON";
        }
        return Text.forLog(m);
    }

    /** The body as a JSON object; {@code what} describes the expected object in the error messages. */
    public static ObjectNode parseObject(byte[] body, String what) {
        JsonNode node = parse(body);
        if (node == null) {
            throw HttpError.badRequest("Request body is required: " + what);
        }
        if (!node.isObject()) {
            throw HttpError.badRequest("Request body must be a JSON object (" + what + "), got " + kind(node));
        }
        return (ObjectNode) node;
    }

    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Compact JSON text of a value (for flattening payload details). */
    public static String text(JsonNode node) {
        return new String(write(node), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** ISO-8601 UTC with {@code Z}, fractional seconds only when not zero; null stays null. */
    public static @Nullable String instant(@Nullable Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t);
    }

    /** A JSON type's name for error messages: object, array, string, number, boolean, null. */
    public static String kind(JsonNode n) {
        if (n.isObject()) {
            return "an object";
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        return n.isNull() ? "null" : "a " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(@Nullable String s) {
        if (s == null) {
            return "unreadable input";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
