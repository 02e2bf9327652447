package dev.vigil.internal;

import dev.vigil.model.Text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TextTest {

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"0000", "0009", "000a", "000d", "001b", "007f", "0085", "2028", "2029", "202a", "202b",
            "202c", "202d", "202e", "2066", "2067", "2068", "2069", "200e", "200f", "061c"})
    void forLogEscapesLineBreaksControlsAndBidiControls(String hex) {
        char c = (char) Integer.parseInt(hex, 16);
        String logged = Text.forLog("a" + c + "b");
        assertThat(logged).isEqualTo("a\\u" + hex + "b");
        assertThat(logged.chars()).allMatch(ch -> ch >= 0x20 && ch < 0x7f);
    }

    @Test
    void forLogKeepsOrdinaryUnicodeAndCutsLongValues() {
        String text = "Sauvegarde \u00e9t\u00e9 \u2713 \u65e5\u672c \ud83d\udcbe \u05e9\u05dc\u05d5\u05dd \u2027 \u2030 \u2065 \u206a";
        assertThat(Text.forLog(text)).isEqualTo(text);
        assertThat(Text.forLog("x".repeat(300))).isEqualTo("x".repeat(200) + "...");
    }

    @Test
    void forLogNeverCutsACharacterInHalf() {
        String cut = Text.forLog("x".repeat(199) + "\ud83d\udcbe" + "y".repeat(10));
        assertThat(cut).isEqualTo("x".repeat(199) + "...");
    }

    @Test
    void storableReplacesNulAndUnpairedSurrogatesOnly() {
        assertThat(Text.storable(null)).isNull();
        String clean = "ok \u00e9 \ud83d\udcbe \t\r\n \u2028";
        assertThat(Text.storable(clean)).isSameAs(clean);
        assertThat(Text.isStorable(clean)).isTrue();
        assertThat(Text.storable("a\u0000b\u0000")).isEqualTo("a\ufffdb\ufffd");
        assertThat(Text.storable("\ud83d")).isEqualTo("\ufffd");
        assertThat(Text.storable("\udcbe\ud83d")).isEqualTo("\ufffd\ufffd");
        assertThat(Text.storable("x\ud83dy \ud83d\udcbe")).isEqualTo("x\ufffdy \ud83d\udcbe");
        assertThat(Text.isStorable("a\u0000")).isFalse();
        assertThat(Text.isStorable("\udcbe")).isFalse();
    }
}
