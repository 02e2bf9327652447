package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.kind.Codec;
import dev.vigil.service.BackupStatus;
import dev.vigil.service.HealthStatus;
import dev.vigil.service.Service;
import dev.vigil.service.StorageLevel;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The hand-written service state is the text data binding writes and the Jackson generator wrote before, and reads
 * back to the same state.
 */
class ServiceStateCodecTest {
    private static final Instant T = Instant.parse("2025-01-15T12:00:00.123Z");
    private final Codec<ServiceState> codec = new ServiceKind.StateCodec();
    private final Codec<ServiceState> bound = ServiceKind.boundStateCodec();

    private void sameTextAndRoundTrip(ServiceState s) {
        String text = codec.encode(s);
        assertThat(text).as("state %s", s).isEqualTo(bound.encode(s)).isEqualTo(generatorEncode(s));
        assertThat(codec.decode(text)).isEqualTo(s);
    }

    @Test
    void theInitialStateAndAFullOneAreWrittenAsDataBindingWritesThem() {
        sameTextAndRoundTrip(ServiceState.initial(T));
        sameTextAndRoundTrip(new ServiceState(
                new ServiceState.Health(HealthStatus.DEGRADED, "disk \"sda\" \u00e9\u2713 \n\t\\ </script>", T,
                        ServiceState.REASON_REPORT, T.plusSeconds(1), T.plusSeconds(2), true),
                new ServiceState.Attributes("critical", "database-cluster", "database", "ns", Set.of("a", "b", "c")),
                new Service.Storage(1000L, 950L, 5.0, StorageLevel.CRITICAL, "nfs", "/data", T),
                new ServiceState.Backup("FAILED", BackupStatus.FAILED, T, T.minusSeconds(86_400), 12_345_678_901L,
                        "rsync: error", T.minusSeconds(3600)),
                3, T.plusMillis(5)));
    }

    @Test
    void randomStatesAreWrittenAsDataBindingWritesThem() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 2000; i++) {
            sameTextAndRoundTrip(new ServiceState(
                    new ServiceState.Health(pick(r, HealthStatus.values()), text(r), instant(r),
                            pick(r, new String[] {ServiceState.REASON_NONE, ServiceState.REASON_REPORT,
                                ServiceState.REASON_STALE}), maybe(r, instant(r)), maybe(r, instant(r)),
                            r.nextBoolean()),
                    new ServiceState.Attributes(text(r), text(r), text(r), text(r), tags(r)),
                    r.nextBoolean() ? null : new Service.Storage(maybe(r, r.nextLong(0, Long.MAX_VALUE)),
                            maybe(r, r.nextLong(0, 1L << 50)), maybe(r, percent(r)),
                            pick(r, StorageLevel.values()), text(r), text(r), instant(r)),
                    r.nextBoolean() ? ServiceState.Backup.NONE : new ServiceState.Backup("OK",
                            maybe(r, pick(r, BackupStatus.values())), maybe(r, instant(r)), maybe(r, instant(r)),
                            maybe(r, r.nextLong()), text(r), maybe(r, instant(r))),
                    r.nextLong(0, 1000), maybe(r, instant(r))));
        }
    }

    private static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    private static <T> @Nullable T maybe(SplittableRandom r, T value) {
        return r.nextInt(3) == 0 ? null : value;
    }

    private static Instant instant(SplittableRandom r) {
        return Instant.ofEpochMilli(r.nextLong(0, 4_000_000_000_000L));
    }

    private static @Nullable String text(SplittableRandom r) {
        return AwkwardText.maybe(r);
    }

    /** Mostly ordinary, sometimes what Double.toString writes in other forms, or not a number (quoted then). */
    private static double percent(SplittableRandom r) {
        double[] odd = {0.0, -0.0, 100.0, 1e-5, 1.0E7, 1e21, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        return r.nextInt(4) == 0 ? odd[r.nextInt(odd.length)] : r.nextDouble() * 100;
    }

    private static Set<String> tags(SplittableRandom r) {
        List<String> tags = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            tags.add(r.nextBoolean() ? "tag-" + r.nextInt(100) : AwkwardText.of(r));
        }
        return Set.copyOf(tags);
    }

    /** The encoder as it was with a Jackson generator (default settings), the reference for the text. */
    private static String generatorEncode(ServiceState s) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            ServiceState.Health h = s.health();
            g.writeObjectFieldStart("health");
            g.writeStringField("status", h.status().name());
            string(g, "message", h.message());
            instant(g, "since", h.since());
            g.writeStringField("reason", h.reason());
            instant(g, "lastReportAt", h.lastReportAt());
            instant(g, "staleFrom", h.staleFrom());
            g.writeBooleanField("downSuppressed", h.downSuppressed());
            g.writeEndObject();
            ServiceState.Attributes a = s.reported();
            g.writeObjectFieldStart("reported");
            string(g, "criticality", a.criticality());
            string(g, "slaGroup", a.slaGroup());
            string(g, "serviceType", a.serviceType());
            string(g, "namespace", a.namespace());
            g.writeArrayFieldStart("tags");
            for (String tag : a.tags()) {
                g.writeString(tag);
            }
            g.writeEndArray();
            g.writeEndObject();
            Service.Storage st = s.storage();
            if (st != null) {
                g.writeObjectFieldStart("storage");
                number(g, "allocatedBytes", st.allocatedBytes());
                number(g, "usedBytes", st.usedBytes());
                if (st.freePercent() != null) {
                    g.writeNumberField("freePercent", st.freePercent());
                }
                g.writeStringField("level", st.level().name());
                string(g, "storageType", st.storageType());
                string(g, "mountPath", st.mountPath());
                instant(g, "reportedAt", st.reportedAt());
                g.writeEndObject();
            }
            ServiceState.Backup b = s.backup();
            g.writeObjectFieldStart("backup");
            g.writeStringField("alert", b.alert());
            string(g, "lastStatus", b.lastStatus() == null ? null : b.lastStatus().name());
            instant(g, "lastReportAt", b.lastReportAt());
            instant(g, "lastGoodAt", b.lastGoodAt());
            number(g, "sizeBytes", b.sizeBytes());
            string(g, "message", b.message());
            instant(g, "clockFrom", b.clockFrom());
            g.writeEndObject();
            g.writeNumberField("misconfiguredReports", s.misconfiguredReports());
            instant(g, "lastReportAt", s.lastReportAt());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void string(JsonGenerator g, String name, @Nullable String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void number(JsonGenerator g, String name, @Nullable Long value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value);
        }
    }

    private static void instant(JsonGenerator g, String name, @Nullable Instant value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value.toEpochMilli());
        }
    }
}
