package dev.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loud over silent: every JSON object is read, each problem becomes a warning; only a non-object is a 400. */
class LenientBodyTest {
    private static LenientBody body(String json) {
        return LenientBody.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWellFormedBodyHasNoWarnings() {
        LenientBody b = body("{\"path\":\"a/b/c/d/e\",\"allocatedBytes\":100,\"freePercent\":12.5,\"ok\":true,"
                + "\"tags\":[\"x\",\"y\"]}").allowOnly("path", "allocatedBytes", "freePercent", "ok", "tags");
        assertThat(b.string("path")).isEqualTo("a/b/c/d/e");
        assertThat(b.wholeNumber("allocatedBytes")).isEqualTo(100L);
        assertThat(b.number("freePercent")).isEqualTo(12.5);
        assertThat(b.bool("ok")).isTrue();
        assertThat(b.strings("tags")).containsExactly("x", "y");
        assertThat(b.warnings()).isEmpty();
    }

    @Test
    void valuesAreCoercedWhereTheMeaningIsPlain() {
        LenientBody b = body("{\"n\":\"100\",\"m\":\" 42 \",\"f\":\"12.5\",\"whole\":100.0,\"s\":100,\"s2\":true,"
                + "\"s3\":1.50,\"b\":\"TRUE\",\"one\":\"only\",\"big\":12345678901234567890}");
        assertThat(b.wholeNumber("n")).isEqualTo(100L);
        assertThat(b.wholeNumber("m")).isEqualTo(42L);
        assertThat(b.number("f")).isEqualTo(12.5);
        assertThat(b.wholeNumber("whole")).isEqualTo(100L);
        assertThat(b.string("s")).isEqualTo("100");
        assertThat(b.string("s2")).isEqualTo("true");
        assertThat(b.string("s3")).isEqualTo("1.5");
        assertThat(b.string("big")).isEqualTo("12345678901234567890");
        assertThat(b.bool("b")).isTrue();
        assertThat(b.strings("one")).containsExactly("only");
        assertThat(b.warnings()).isEmpty();
    }

    @Test
    void valuesThatCannotBeCoercedAreIgnoredWithAWarningEach() {
        LenientBody b = body("{\"n\":\"abc\",\"frac\":1.5,\"huge\":12345678901234567890,\"s\":{\"a\":1},"
                + "\"arr\":[1],\"b\":\"yes\",\"f\":[],\"o\":\"text\",\"l\":{},\"inf\":\"1e999\"}");
        assertThat(b.wholeNumber("n")).isNull();
        assertThat(b.wholeNumber("frac")).isNull();
        assertThat(b.wholeNumber("huge")).isNull();
        assertThat(b.string("s")).isNull();
        assertThat(b.string("arr")).isNull();
        assertThat(b.bool("b")).isNull();
        assertThat(b.number("f")).isNull();
        assertThat(b.object("o")).isNull();
        assertThat(b.strings("l")).isNull();
        assertThat(b.number("inf")).isNull();
        assertThat(b.warnings()).containsExactly(
                "n: expected a whole number, got the string \"abc\"; ignored",
                "frac: expected a whole number, got the number 1.5; ignored",
                "huge: expected a whole number between -9223372036854775808 and 9223372036854775807, got the number "
                        + "12345678901234567890; ignored",
                "s: expected a string, got an object; ignored",
                "arr: expected a string, got an array; ignored",
                "b: expected true or false, got the string \"yes\"; ignored",
                "f: expected a number, got an array; ignored",
                "o: expected an object, got the string \"text\"; ignored",
                "l: expected a list of strings, got an object; ignored",
                "inf: expected a number, got the string \"1e999\"; ignored");
    }

    @Test
    void aRepeatedFieldKeepsItsLastValueWithAWarning() {
        LenientBody b = body("{\"status\": \"DOWN\", \"status\": \"OPERATIONAL\", \"o\": {\"x\": 1, \"x\": 2}}");
        assertThat(b.string("status")).isEqualTo("OPERATIONAL");
        assertThat(b.object("o").wholeNumber("x")).isEqualTo(2L);
        assertThat(b.warnings()).singleElement().asString().contains("repeats a field");
        assertThat(body("{\"status\": \"DOWN\"}").warnings()).isEmpty();
    }

    @Test
    void unknownFieldsAreWarnedNotRefused() {
        LenientBody b = body("{\"path\":\"x\",\"pth\":\"typo\",\"extra\":1}").allowOnly("path", "status");
        assertThat(b.string("path")).isEqualTo("x");
        assertThat(b.warnings()).containsExactly("unknown field 'pth' was ignored", "unknown field 'extra' was ignored");
    }

    @Test
    void nullIsAbsentAndAbsentIsNull() {
        LenientBody b = body("{\"a\":null}");
        assertThat(b.has("a")).isFalse();
        assertThat(b.string("a")).isNull();
        assertThat(b.wholeNumber("missing")).isNull();
        assertThat(b.warnings()).isEmpty();
    }

    @Test
    void nulAndUnpairedSurrogatesAreReplacedWithAWarning() {
        LenientBody b = body("{\"msg\":\"a\\u0000b\",\"bad\":\"x\\ud800y\",\"ok\":\"\\ud83d\\ude00\",\"tags\":[\"t\\u0000\"]}");
        assertThat(b.string("msg")).isEqualTo("a\uFFFDb");
        assertThat(b.string("bad")).isEqualTo("x\uFFFDy");
        assertThat(b.string("ok")).isEqualTo("\uD83D\uDE00");
        assertThat(b.strings("tags")).containsExactly("t\uFFFD");
        assertThat(b.warnings()).hasSize(3).allSatisfy(w -> assertThat(w).contains("were replaced with U+FFFD"));
        assertThat(b.warnings().get(0)).startsWith("msg:");
        assertThat(b.warnings().get(2)).startsWith("tags[0]:");
    }

    @Test
    void nestedObjectsShareTheWarningsNamedByPath() {
        LenientBody b = body("{\"backup\":{\"sizeBytes\":\"x\",\"zzz\":1}}");
        LenientBody backup = b.object("backup").allowOnly("sizeBytes");
        assertThat(backup.wholeNumber("sizeBytes")).isNull();
        assertThat(b.warnings()).containsExactly("unknown field 'backup.zzz' was ignored",
                "backup.sizeBytes: expected a whole number, got the string \"x\"; ignored");
    }

    @Test
    void listElementsOfTheWrongTypeAreDropped() {
        LenientBody b = body("{\"tags\":[\"a\",1,true,{\"x\":1},null,[2]]}");
        assertThat(b.strings("tags")).containsExactly("a", "1", "true");
        assertThat(b.warnings()).containsExactly("tags[3]: expected a string, got an object; ignored",
                "tags[5]: expected a string, got an array; ignored");
    }

    @Test
    void routesAddTheirOwnWarningsAndTheCountIsCapped() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 80; i++) {
            json.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":1");
        }
        LenientBody b = body(json.append('}').toString()).allowOnly();
        b.warn("one more");
        assertThat(b.warnings()).hasSize(LenientBody.MAX_WARNINGS + 1);
        assertThat(b.warnings().get(LenientBody.MAX_WARNINGS)).isEqualTo("31 more warnings not shown");
    }

    @Test
    void warningsEchoNoControlCharacters() {
        LenientBody b = body("{\"a\\r\\nb\":1}").allowOnly();
        assertThat(b.warnings()).singleElement().satisfies(w -> assertThat(w).doesNotContain("\r").doesNotContain("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[]", "[{\"a\":1}]", "\"text\"", "42", "null", "true", "{", "{\"a\":1}x",
            "a=1&b=2"})
    void onlyABodyThatIsNotAJsonObjectIsRefused(String text) {
        assertThatThrownBy(() -> body(text)).isInstanceOfSatisfying(HttpError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).doesNotContain("Jackson").doesNotContain("JsonNode");
        });
    }

    @Test
    void anyContentTypeIsReadThroughTheExchange() {
        for (String type : new String[] {"application/x-www-form-urlencoded", "text/plain", null}) {
            HttpRequest.Builder rb = HttpRequest.builder("POST", "/r").remoteAddress("127.0.0.1")
                    .body("{\"n\":\"5\"}".getBytes(StandardCharsets.UTF_8));
            if (type != null) {
                rb.header("Content-Type", type);
            }
            Exchange ex = new Exchange(rb.build(), java.util.Map.of(), 1024, null);
            assertThat(ex.lenientBody().wholeNumber("n")).as(String.valueOf(type)).isEqualTo(5L);
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> LenientBody.parse(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> LenientBody.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> body("{}").string(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> body("{}").warn(null)).isInstanceOf(NullPointerException.class);
    }
}
