package dev.vigil.internal;

import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Random strings with what JSON quoting must get right: quotes, backslashes, every control character, DEL,
 * {@code </}, U+2028/U+2029, accents, emoji (surrogate pairs) and lone surrogates; null now and then.
 */
final class AwkwardText {
    private static final int[] SPECIALS = {'"', '\\', '/', '<', '>', '&', '\'', 0x7F, 0x80, 0x9F, 0xA0, 0xE9, 0xFF,
        0x2028, 0x2029, 0xFEFF, 0xFFFF, 0x1F600, 0x1F4A9, 0x10FFFF};

    private AwkwardText() {
    }

    static @Nullable String maybe(SplittableRandom r) {
        return r.nextInt(4) == 0 ? null : of(r);
    }

    static String of(SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(16); i > 0; i--) {
            switch (r.nextInt(8)) {
                case 0 -> b.append((char) r.nextInt(0x20)); // control characters
                case 1 -> b.appendCodePoint(SPECIALS[r.nextInt(SPECIALS.length)]);
                case 2 -> b.appendCodePoint(r.nextInt(0x80, 0xD800)); // the rest of the BMP below the surrogates
                case 3 -> b.appendCodePoint(r.nextInt(0x10000, 0x110000)); // a surrogate pair
                case 4 -> b.append((char) r.nextInt(0xD800, 0xE000)); // a lone surrogate
                default -> b.append((char) r.nextInt(0x20, 0x7F));
            }
        }
        return b.toString();
    }
}
