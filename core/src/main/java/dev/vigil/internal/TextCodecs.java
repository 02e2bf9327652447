package dev.vigil.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.vigil.kind.Codec;

/** Codecs the built-in kinds share: JSON through a kind's own mapper, and decoding each distinct text once. */
final class TextCodecs {
    private TextCodecs() {
    }

    /** {@code type} as JSON through {@code mapper}; unreadable text is an {@link IllegalArgumentException}. */
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

    /**
     * Decodes each distinct text once (bounded): specs rarely change and many subjects share one, while every input
     * and evaluation decodes its subject's spec. The values must be immutable.
     */
    static <T> Codec<T> remembering(Codec<T> codec, long maxTexts) {
        Cache<String, T> decoded = Caffeine.newBuilder().maximumSize(maxTexts).build();
        return new Codec<>() {
            @Override
            public String encode(T value) {
                return codec.encode(value);
            }

            @Override
            public T decode(String text) {
                return decoded.get(text, codec::decode);
            }
        };
    }
}
