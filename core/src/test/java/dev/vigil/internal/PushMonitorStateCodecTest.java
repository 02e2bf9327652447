package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.kind.Codec;
import dev.vigil.monitor.MonitorStatus;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The push monitor state's stored text: short, round-tripping, the text the Jackson generator wrote before, and the
 * long names of older texts still read.
 */
class PushMonitorStateCodecTest {
    static final Codec<MonitorState> CODEC = PushMonitorKind.INSTANCE.stateCodec();
    static final Instant T0 = Instant.parse("2025-01-15T12:00:00Z");
    static final Instant T1 = Instant.parse("2025-01-15T13:00:00Z");
    static final String HASH = "sha256:47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU";

    @Test
    void everyFieldRoundTrips() {
        MonitorState full = new MonitorState(MonitorStatus.DOWN, T1, T0, T0.plusSeconds(90), T0.plusSeconds(5), 2, 3,
                42, "fail", "disk \"full\"", 1, HASH);
        assertThat(CODEC.decode(CODEC.encode(full))).isEqualTo(full);
        MonitorState fresh = PushMonitorLogic.initial(PushMonitorLogicTest.DAILY, HASH, T0);
        assertThat(CODEC.decode(CODEC.encode(fresh))).isEqualTo(fresh);
    }

    @Test
    void aStateAfterAPushIsWrittenShortWithoutWhatItCanDerive() {
        MonitorState up = PushMonitorLogic.onPush(PushMonitorLogicTest.DAILY,
                PushMonitorLogic.initial(PushMonitorLogicTest.DAILY, HASH, T0), null, null, T1).state();
        String text = CODEC.encode(up);
        // status since is the last push: left out; zero counters and nulls too
        assertThat(text).isEqualTo("{\"s\":\"UP\",\"lp\":" + T1.toEpochMilli() + ",\"eb\":"
                + up.expectedBy().toEpochMilli() + ",\"cs\":1,\"n\":1,\"h\":\"" + HASH + "\"}");
        assertThat(CODEC.decode(text)).isEqualTo(up);
        assertThat(CODEC.decode(text).statusSince()).isEqualTo(T1);
    }

    @Test
    void textsWrittenBeforeWithLongNamesStillRead() {
        String old = "{\"status\":\"DOWN\",\"status_since\":" + T1.toEpochMilli() + ",\"last_push_at\":"
                + T0.toEpochMilli() + ",\"expected_by\":" + T0.plusSeconds(90).toEpochMilli() + ",\"running_since\":null,"
                + "\"consecutive_failures\":2,\"consecutive_successes\":0,\"push_count\":42,\"last_push_status\":\"fail\","
                + "\"last_push_message\":\"m\",\"reminders_sent\":1,\"secret_hash\":\"" + HASH + "\"}";
        assertThat(CODEC.decode(old)).isEqualTo(new MonitorState(MonitorStatus.DOWN, T1, T0, T0.plusSeconds(90), null,
                2, 0, 42, "fail", "m", 1, HASH));
        // as the schema migration of version 2 wrote them: every counter present, no push yet
        assertThat(CODEC.decode("{\"status\":\"NO_PUSH_YET\",\"status_since\":" + T0.toEpochMilli()
                + ",\"consecutive_failures\":0,\"consecutive_successes\":0,\"push_count\":0,\"reminders_sent\":0,"
                + "\"secret_hash\":\"sha256:secret-3\"}")).isEqualTo(new MonitorState(MonitorStatus.NO_PUSH_YET, T0,
                null, null, null, 0, 0, 0, null, null, 0, "sha256:secret-3"));
    }

    @Test
    void aTextWithoutStatusTimeOrSecretIsRefused() {
        assertThatThrownBy(() -> CODEC.decode("{\"s\":\"UP\",\"h\":\"" + HASH + "\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lacks");
        assertThatThrownBy(() -> CODEC.decode("{\"s\":\"UP\",\"lp\":1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lacks");
    }

    @Test
    void randomStatesAreWrittenAsTheGeneratorWroteThemAndRoundTrip() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            Instant lastPush = maybe(r, instant(r));
            MonitorState s = new MonitorState(MonitorStatus.values()[r.nextInt(MonitorStatus.values().length)],
                    lastPush != null && r.nextBoolean() ? lastPush : instant(r), lastPush, maybe(r, instant(r)),
                    maybe(r, instant(r)), count(r), count(r), r.nextBoolean() ? 0 : r.nextLong(), AwkwardText.maybe(r),
                    AwkwardText.maybe(r), count(r), AwkwardText.of(r));
            String text = CODEC.encode(s);
            assertThat(text).as("state %s", s).isEqualTo(generatorEncode(s));
            assertThat(CODEC.decode(text)).isEqualTo(s);
        }
    }

    private static Instant instant(SplittableRandom r) {
        return Instant.ofEpochMilli(r.nextLong(-1_000_000_000_000L, 4_000_000_000_000L));
    }

    private static int count(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> r.nextInt();
            default -> r.nextInt(10);
        };
    }

    private static <T> @Nullable T maybe(SplittableRandom r, T value) {
        return r.nextInt(3) == 0 ? null : value;
    }

    /** The encoder as it was with a Jackson generator (default settings), the reference for the text. */
    private static String generatorEncode(MonitorState s) {
        StringWriter out = new StringWriter(160);
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("s", s.status().name());
            if (!s.statusSince().equals(s.lastPushAt())) {
                g.writeNumberField("ss", s.statusSince().toEpochMilli());
            }
            writeInstant(g, "lp", s.lastPushAt());
            writeInstant(g, "eb", s.expectedBy());
            writeInstant(g, "rs", s.runningSince());
            writeCount(g, "cf", s.consecutiveFailures());
            writeCount(g, "cs", s.consecutiveSuccesses());
            writeCount(g, "n", s.pushCount());
            if (s.lastPushStatus() != null) {
                g.writeStringField("ps", s.lastPushStatus());
            }
            if (s.lastPushMessage() != null) {
                g.writeStringField("pm", s.lastPushMessage());
            }
            writeCount(g, "r", s.remindersSent());
            g.writeStringField("h", s.secretHash());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeCount(JsonGenerator g, String field, long count) throws IOException {
        if (count != 0) {
            g.writeNumberField(field, count);
        }
    }

    private static void writeInstant(JsonGenerator g, String field, @Nullable Instant at) throws IOException {
        if (at != null) {
            g.writeNumberField(field, at.toEpochMilli());
        }
    }
}
