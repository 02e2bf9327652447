package dev.vigil.kind;

/**
 * Turns a kind's spec or state into the text a store keeps, and back. {@code decode(encode(x))} must equal
 * {@code x}. Decoding text written by an older version of the kind must keep working: stores never migrate it.
 */
public interface Codec<T> {

    String encode(T value);

    /** @throws IllegalArgumentException when the text cannot be read */
    T decode(String text);
}
