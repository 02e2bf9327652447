package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.monitor.AlertOn;
import dev.vigil.monitor.PushMonitorSpec;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The push monitor spec's stored text: format 2 short, round-tripping; format 1 texts still read. */
class PushMonitorSpecCodecTest {
    final PushMonitorSpecCodec codec = new PushMonitorSpecCodec();

    @Test
    void everyFieldRoundTrips() {
        PushMonitorSpec full = PushMonitorSpec.named("nightly \"backup\"").group("ops").enabled(false)
                .schedule("0 2 * * *", ZoneId.of("Europe/Berlin")).gracePeriod(Duration.ofMinutes(30))
                .requirePayload(true).notify("ops", "mail").alertOn(AlertOn.DOWN).maxRuntime(Duration.ofHours(2))
                .failureThreshold(3).recoveryThreshold(2).repeatEvery(Duration.ofHours(4)).build();
        assertThat(codec.decode(codec.encode(full))).isEqualTo(full);
        PushMonitorSpec none = PushMonitorSpec.named("quiet").expectedInterval(Duration.ofMinutes(5)).alertOn(Set.of())
                .build();
        assertThat(codec.decode(codec.encode(none))).isEqualTo(none);
    }

    @Test
    void aSpecWithDefaultsIsWrittenShort() {
        PushMonitorSpec daily = PushMonitorSpec.named("monitor-1").expectedInterval(Duration.ofDays(1))
                .gracePeriod(Duration.ofHours(1)).build();
        String text = codec.encode(daily);
        assertThat(text).isEqualTo("{\"format\":2,\"n\":\"monitor-1\",\"i\":\"PT24H\",\"gp\":\"PT1H\"}");
        assertThat(codec.decode(text)).isEqualTo(daily);
        assertThat(codec.decode(text).alertOn()).containsExactlyInAnyOrder(AlertOn.values());
    }

    @Test
    void format1TextsStillRead() {
        PushMonitorSpec spec = codec.decode("{\"format\":1,\"name\":\"nightly\",\"group\":\"ops\",\"enabled\":false,"
                + "\"expected_interval\":\"PT1H\",\"grace_period\":\"PT5M\",\"timezone\":\"Europe/Berlin\","
                + "\"require_payload\":true,\"notifications\":[\"ops\"],\"alert_on\":[\"down\"],"
                + "\"max_runtime\":\"PT10M\",\"failure_threshold\":2,\"recovery_threshold\":3,\"repeat_every\":\"PT2H\"}");
        assertThat(spec).isEqualTo(new PushMonitorSpec("nightly", "ops", false, Duration.ofHours(1),
                Duration.ofMinutes(5), null, ZoneId.of("Europe/Berlin"), true, List.of("ops"), Set.of(AlertOn.DOWN),
                Duration.ofMinutes(10), 2, 3, Duration.ofHours(2)));
        // format 1 always wrote alert_on: without it, nothing alerts (as before)
        assertThat(codec.decode("{\"format\":1,\"name\":\"m\",\"expected_interval\":\"PT1H\"}").alertOn()).isEmpty();
    }

    @Test
    void anUnknownFormatIsRefused() {
        assertThatThrownBy(() -> codec.decode("{\"format\":3,\"n\":\"m\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format 3").hasMessageContaining("upgrade Vigil");
    }
}
