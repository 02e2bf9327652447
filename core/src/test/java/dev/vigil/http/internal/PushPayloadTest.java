package dev.vigil.http.internal;

import dev.vigil.http.Json;
import dev.vigil.http.HttpError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.monitor.Payload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushPayloadTest {

    private static Payload parse(String json) {
        return PushRoutes.payload(Json.parse(json.getBytes(StandardCharsets.UTF_8)), new ArrayList<>());
    }

    @Test
    void theSeedPayloadWithDetailsIsFlattened() {
        Payload p = parse("{\"status\": \"success\", \"message\": \"Backup completed\", \"details\": "
                + "{\"files_backed_up\": 1234, \"duration_seconds\": 45, \"nested\": {\"a\": true}, \"list\": [1, 2]}}");
        assertThat(p.status()).isEqualTo("success");
        assertThat(p.message()).isEqualTo("Backup completed");
        assertThat(p.fields()).containsEntry("details.files_backed_up", "1234")
                .containsEntry("details.duration_seconds", "45")
                .containsEntry("details.nested.a", "true")
                .containsEntry("details.list", "[1,2]");
    }

    @Test
    void extraTopLevelFieldsAreKeptAsMetadata() {
        Payload p = parse("{\"status\": \"success\", \"duration_seconds\": 1234, \"items_processed\": 5000, "
                + "\"warnings\": []}");
        assertThat(p.fields()).containsEntry("duration_seconds", "1234").containsEntry("warnings", "[]");
    }

    @Test
    void emptyBodyIsAnEmptyPayload() {
        assertThat(PushRoutes.payload(Json.parse(new byte[0]), new ArrayList<>()).isEmpty()).isTrue();
        assertThat(PushRoutes.payload(Json.parse(" \n".getBytes(StandardCharsets.UTF_8)), new ArrayList<>())
                .isEmpty()).isTrue();
    }

    @Test
    void wrongShapesNameTheField() {
        assertThatThrownBy(() -> parse("[]")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> parse("\"success\"")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> parse("{\"status\": 1}")).hasMessage("status: must be a string, got a number");
        assertThatThrownBy(() -> parse("{\"message\": {}}")).hasMessage("message: must be a string, got an object");
        assertThatThrownBy(() -> parse("{\"details\": [1]}")).hasMessage("details: must be an object, got an array");
        assertThatThrownBy(() -> parse("{\"status\": \"" + "x".repeat(101) + "\"}"))
                .hasMessageContaining("at most 100");
    }

    @Test
    void longMessagesAreCutWithAWarning() {
        List<String> warnings = new ArrayList<>();
        Payload p = PushRoutes.payload(Json.parse(("{\"message\":\"" + "m".repeat(3000) + "\"}")
                .getBytes(StandardCharsets.UTF_8)), warnings);
        assertThat(p.message()).hasSize(2000);
        assertThat(warnings).hasSize(1);
    }

    @Test
    void monitorIdsThatCannotExistAreNotFound() {
        assertThat(PushRoutes.monitorId("5")).isEqualTo(5);
        for (String bad : List.of("abc", "0", "-1", "1e3", "99999999999999999999", "", " 5", "٥")) {
            assertThatThrownBy(() -> PushRoutes.monitorId(bad)).isInstanceOfSatisfying(HttpError.class,
                    e -> assertThat(e.status()).isEqualTo(404));
        }
    }

    @Test
    void instantsAreIsoUtcWithoutZeroFractions() {
        assertThat(Json.instant(java.time.Instant.parse("2025-01-15T10:30:00Z"))).isEqualTo("2025-01-15T10:30:00Z");
        assertThat(Json.instant(java.time.Instant.parse("2025-01-15T10:30:00.120Z")))
                .isEqualTo("2025-01-15T10:30:00.120Z");
    }

    @Test
    void aLongMessageIsCutWithoutSplittingACharacter() {
        List<String> warnings = new ArrayList<>();
        String message = "x".repeat(PushRoutes.MAX_MESSAGE_LENGTH - 1) + "\ud83d\udcbe" + "tail";
        Payload p = PushRoutes.payload(Json.parse(("{\"message\": \"" + message + "\"}").getBytes(StandardCharsets.UTF_8)),
                warnings);
        assertThat(p.message()).isEqualTo("x".repeat(PushRoutes.MAX_MESSAGE_LENGTH - 1));
        assertThat(warnings).containsExactly("message was cut to " + PushRoutes.MAX_MESSAGE_LENGTH + " characters");
    }
}
