package dev.vigil.kind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a kind's spec or state into the text a store keeps, and back. {@code decode(encode(x))} must equal
 * {@code x}. Decoding text written by an older version of the kind must keep working: stores never migrate it.
 */
public interface Codec<T> {

    String encode(T value);

    /** @throws IllegalArgumentException when the text cannot be read */
    T decode(String text);

    /** JSON through Jackson, for records and plain beans; unknown properties are refused. */
    static <T> Codec<T> json(Class<T> type) {
        return json(new ObjectMapper(), type);
    }

    /**
     * JSON through a mapper of the kind's own (e.g. with modules for {@code java.time} types, or lenient about
     * unknown properties so that newer texts still read).
     */
    static <T> Codec<T> json(ObjectMapper mapper, Class<T> type) {
        return new Codec<>() {
            @Override
            public String encode(T value) {
                try {
                    return mapper.writeValueAsString(value);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("cannot encode a " + type.getSimpleName(), e);
                }
            }

            @Override
            public T decode(String text) {
                try {
                    return mapper.readValue(text, type);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("stored " + type.getSimpleName() + " cannot be read: "
                            + e.getOriginalMessage(), e);
                }
            }
        };
    }
}
