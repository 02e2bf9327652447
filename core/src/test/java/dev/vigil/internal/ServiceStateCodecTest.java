package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.kind.Codec;
import dev.vigil.service.BackupStatus;
import dev.vigil.service.HealthStatus;
import dev.vigil.service.Service;
import dev.vigil.service.StorageLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The generator-written service state is the text data binding writes, and reads back to the same state. */
class ServiceStateCodecTest {
    private static final Instant T = Instant.parse("2025-01-15T12:00:00.123Z");
    private final Codec<ServiceState> codec = new ServiceKind.StateCodec();
    private final Codec<ServiceState> bound = ServiceKind.boundStateCodec();

    private void sameTextAndRoundTrip(ServiceState s) {
        String text = codec.encode(s);
        assertThat(text).isEqualTo(bound.encode(s));
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
        for (int i = 0; i < 500; i++) {
            sameTextAndRoundTrip(new ServiceState(
                    new ServiceState.Health(pick(r, HealthStatus.values()), text(r), instant(r),
                            pick(r, new String[] {ServiceState.REASON_NONE, ServiceState.REASON_REPORT,
                                ServiceState.REASON_STALE}), maybe(r, instant(r)), maybe(r, instant(r)),
                            r.nextBoolean()),
                    new ServiceState.Attributes(text(r), text(r), text(r), text(r), tags(r)),
                    r.nextBoolean() ? null : new Service.Storage(maybe(r, r.nextLong(0, Long.MAX_VALUE)),
                            maybe(r, r.nextLong(0, 1L << 50)), maybe(r, r.nextDouble() * 100),
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
        if (r.nextInt(4) == 0) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(12); i > 0; i--) {
            b.appendCodePoint(r.nextInt(5) == 0 ? r.nextInt(0x20, 0x2FFF) : r.nextInt(0x20, 0x7F));
        }
        return b.toString();
    }

    private static Set<String> tags(SplittableRandom r) {
        List<String> tags = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            tags.add("tag-" + r.nextInt(100));
        }
        return Set.copyOf(tags);
    }
}
