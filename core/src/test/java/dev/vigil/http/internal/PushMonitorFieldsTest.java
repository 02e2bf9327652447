package dev.vigil.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.http.Json;
import dev.vigil.internal.PushMonitorFields;
import dev.vigil.monitor.AlertOn;
import dev.vigil.monitor.PushMonitorSpec;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** What {@link PushMonitorFields#write} shows, {@link PushMonitorFields#create} reads back unchanged. */
class PushMonitorFieldsTest {
    @Test
    void writtenSpecsReadBackEqual() {
        PushMonitorSpec scheduled = PushMonitorSpec.named("nightly").group("ops").schedule("30 2 * * *",
                ZoneId.of("Europe/Berlin")).gracePeriod(Duration.ofMinutes(15)).maxRuntime(Duration.ofHours(1))
                .failureThreshold(2).recoveryThreshold(3).repeatEvery(Duration.ofMinutes(30)).notify("ops", "pager")
                .alertOn(AlertOn.DOWN).requirePayload(true).enabled(false).build();
        PushMonitorSpec interval = PushMonitorSpec.named("plain").expectedInterval(Duration.ofSeconds(90))
                .timezone(ZoneId.of("Asia/Tokyo")).alertOn(java.util.Set.of()).build();
        for (PushMonitorSpec spec : java.util.List.of(scheduled, interval)) {
            ObjectNode written = PushMonitorFields.write(spec, Json.object());
            Fields f = new Fields(written, "");
            assertThat(PushMonitorFields.build(f, PushMonitorFields.create(f))).isEqualTo(spec);
        }
    }
}
