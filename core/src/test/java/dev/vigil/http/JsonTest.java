package dev.vigil.http;

import dev.vigil.http.Json;
import dev.vigil.http.HttpError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every JSON error reads in the user's terms: where, and what is wrong; never a Java type or a Jackson setting. */
class JsonTest {
    private static String error(String body) {
        return error(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String error(byte[] body) {
        try {
            Json.parse(body);
        } catch (HttpError e) {
            assertThat(e.status()).isEqualTo(400);
            return e.getMessage();
        }
        throw new AssertionError("no error for " + new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void trailingContentIsNamedWithItsPosition() {
        assertThat(error("{\"status\":\"ok\"} {\"b\":2}")).isEqualTo(
                "Malformed JSON at line 1, column 17: unexpected content after the JSON value (send exactly one value)");
        assertThat(error("{\"a\":1}\n[]")).startsWith("Malformed JSON at line 2, column 1: unexpected content after");
        assertThat(error("{\"a\":1}x")).startsWith("Malformed JSON at line 1, column 8: Unrecognized token 'x'");
    }

    @Test
    void aRepeatedKeyIsRefusedAtAnyDepthAndNamed() {
        assertThat(error("{\"a\":1,\"a\":2}")).startsWith("Malformed JSON at line 1, column ")
                .endsWith(": Duplicate field 'a'");
        assertThat(error("{\"o\":{\"b\":[{\"c\":1,\"c\":1}]}}")).endsWith(": Duplicate field 'c'");
        assertThat(Json.parse("{\"a\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8))).isNotNull();
    }

    @Test
    void unclosedValuesSayWhatIsMissing() {
        assertThat(error("{\"a\":1")).isEqualTo(
                "Malformed JSON at line 1, column 7: the body ends before the object is closed (missing '}')");
        assertThat(error("[1,2")).endsWith("the body ends before the array is closed (missing ']')");
        assertThat(error("{\"a\":\"abc")).endsWith("the body ends inside a string (missing '\"')");
    }

    @Test
    void limitsAreStatedAsNumbers() {
        assertThat(error("[".repeat(100))).isEqualTo(
                "Request body exceeds a JSON limit: objects and arrays are nested more than 64 levels deep");
        assertThat(error("{\"n\":" + "9".repeat(500) + "}")).isEqualTo(
                "Request body exceeds a JSON limit: a number is longer than 100 digits");
        assertThat(error("{\"" + "n".repeat(2000) + "\":1}")).isEqualTo(
                "Request body exceeds a JSON limit: a field name is longer than 1000 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1} {\"b\":2}", "{\"a\":1}]", "{\"a\":1", "[1,2", "\"abc", "{a:1}",
            "{\"a\":1,\"a\":2}", "tru", "{\"a\":NaN}", "{\"a\":1,}", "'x'", "{\"a\":\"\\q\"}", "{\"a\":01}",
            "{\"a\":\"\u0000\"}", "{\"a\":-Infinity}", "{\"a\":+1}", "/* c */ {}", "{\"a\":1}\u0000"})
    void noMessageNamesJavaOrJackson(String body) {
        assertThat(error(body)).startsWith("Malformed JSON");
        assertClean(error(body));
    }

    @Test
    void invalidBytesAndLimitsNameNoInternalsEither() {
        assertClean(error(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'}));
        assertClean(error(new byte[] {(byte) 0xfe, (byte) 0xff, 0, '{'}));
        assertClean(error("[".repeat(100)));
        assertClean(error("{\"n\":" + "9".repeat(500) + "}"));
        assertThatThrownBy(() -> Json.parseObject("[1]".getBytes(StandardCharsets.UTF_8), "an object"))
                .hasMessage("Request body must be a JSON object (an object), got an array");
    }

    private static void assertClean(String message) {
        assertThat(message).doesNotContain("`").doesNotContain("com.fasterxml")
                .doesNotContainIgnoringCase("jackson").doesNotContain("Feature").doesNotContain("JsonNode")
                .doesNotContain("Source").doesNotContain("REDACTED").doesNotContain("java.")
                .doesNotContain("Constraints").doesNotContain("VALUE_STRING").doesNotContain("START_OBJECT");
    }
}
