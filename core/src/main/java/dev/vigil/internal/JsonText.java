package dev.vigil.internal;

import com.fasterxml.jackson.core.io.CharTypes;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object written straight into a {@link StringBuilder}, for the state encoders that run on every push and
 * every report: creating and closing a Jackson generator and its {@code StringWriter} was about a quarter of their
 * time in profiles, and this is about half the time and garbage of the generator overall. The text is the one
 * Jackson's generator writes with default settings: strings quoted by Jackson's own {@link JsonStringEncoder} (with
 * its escape table), numbers as {@code Long.toString} / {@code Double.toString}, non-finite doubles quoted, no white
 * space. The state codecs' tests hold the two to the same text. Field names must be constants that need no escaping.
 */
final class JsonText {
    private static final JsonStringEncoder QUOTER = JsonStringEncoder.getInstance();
    /** The characters Jackson escapes (those below 128 with a non-zero entry), as its encoder and generator do. */
    private static final int[] ESCAPES = CharTypes.get7BitOutputEscapes();

    private final StringBuilder b;
    /** A value was written at this level: the next one needs a comma. */
    private boolean afterValue;

    /** Starts the outer object; {@code capacity} is a guess at the text's length, to grow the builder seldom. */
    JsonText(int capacity) {
        b = new StringBuilder(capacity).append('{');
    }

    JsonText string(String name, @Nullable String value) {
        name(name);
        if (value == null) {
            b.append("null");
        } else {
            quoted(value);
        }
        return this;
    }

    /** Leaves the field out when the value is null. */
    JsonText stringIfSet(String name, @Nullable String value) {
        return value == null ? this : string(name, value);
    }

    JsonText number(String name, long value) {
        name(name);
        b.append(value);
        return this;
    }

    /** Leaves the field out when the value is null. */
    JsonText numberIfSet(String name, @Nullable Long value) {
        return value == null ? this : number(name, value);
    }

    /** Leaves the field out when the value is null; NaN and infinities as strings, as Jackson writes them. */
    JsonText numberIfSet(String name, @Nullable Double value) {
        if (value == null) {
            return this;
        }
        name(name);
        double d = value;
        if (Double.isFinite(d)) {
            b.append(d); // the digits of Double.toString
        } else {
            b.append('"').append(d).append('"');
        }
        return this;
    }

    /** As epoch milliseconds; leaves the field out when the value is null. */
    JsonText millisIfSet(String name, @Nullable Instant value) {
        return value == null ? this : number(name, value.toEpochMilli());
    }

    JsonText bool(String name, boolean value) {
        name(name);
        b.append(value);
        return this;
    }

    JsonText objectStart(String name) {
        name(name);
        b.append('{');
        afterValue = false;
        return this;
    }

    JsonText objectEnd() {
        b.append('}');
        afterValue = true;
        return this;
    }

    JsonText arrayStart(String name) {
        name(name);
        b.append('[');
        afterValue = false;
        return this;
    }

    JsonText element(String value) {
        if (afterValue) {
            b.append(',');
        }
        quoted(value);
        afterValue = true;
        return this;
    }

    JsonText arrayEnd() {
        b.append(']');
        afterValue = true;
        return this;
    }

    /** Ends the outer object: the text. */
    String end() {
        return b.append('}').toString();
    }

    private void name(String name) {
        if (afterValue) {
            b.append(',');
        }
        b.append('"').append(name).append("\":");
        afterValue = true;
    }

    private void quoted(String value) {
        b.append('"');
        if (needsEscapes(value)) {
            QUOTER.quoteAsString(value, b);
        } else {
            b.append(value); // most strings: one copy, where the encoder appends char by char
        }
        b.append('"');
    }

    private static boolean needsEscapes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ESCAPES.length && ESCAPES[c] != 0) {
                return true;
            }
        }
        return false;
    }
}
