package dev.vigil.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.vigil.kind.Codec;

/** Codecs the built-in kinds share: decoding each distinct text once. */
final class TextCodecs {
    private TextCodecs() {
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
