package dev.vigil.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.config.ConfigException;
import dev.vigil.monitor.PushMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.notify.Notification;
import dev.vigil.notify.Notifier;
import dev.vigil.notify.ChannelType;
import dev.vigil.testkit.ManualClock;
import dev.vigil.testkit.RecordingNotifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Channel types are open: a host registers one, and the YAML's {@code type:} resolves through the same registry. */
class ChannelTypeTest {
    private final ManualClock clock = ManualClock.at("2025-01-15T12:00:00Z");
    private final List<String> paged = new ArrayList<>();

    /** A host's own channel type: needs a routing key, refuses anything else. */
    private final ChannelType pagerduty = settings -> {
        settings.allowOnly(Set.of("routing_key", "urgent"));
        String key = settings.require("routing_key");
        boolean urgent = settings.bool("urgent").orElse(false);
        return n -> paged.add(key + (urgent ? "!" : "") + " " + n.transition().subjectName() + " "
                + n.transition().to());
    };

    private Path yaml(Path dir, String channel) throws Exception {
        Path f = dir.resolve("vigil.yaml");
        Files.writeString(f, "channels:\n  pager:\n" + channel + "monitors:\n  - name: \"backup\"\n"
                + "    config:\n      expected_interval: 60\n    notifications: [pager]\n");
        return f;
    }

    @Test
    void aHostChannelTypeIsUsedFromTheYaml(@TempDir Path dir) throws Exception {
        Path f = yaml(dir, "    type: pagerduty\n    routing_key: R0UT1NG\n    urgent: true\n");
        try (Vigil vigil = Vigil.builder().store(new MemoryStore()).clock(clock).notifier(new RecordingNotifier())
                .channelType("pagerduty", pagerduty).config(f).build()) {
            PushMonitor m = vigil.monitors().findByName("backup").orElseThrow();
            String secret = vigil.configResult().orElseThrow().monitors().get(0).generatedSecret();
            vigil.monitors().push(m.id(), secret, Payload.status("failed", "disk full"));
            vigil.tick();
            assertThat(paged).containsExactly("R0UT1NG! backup DOWN");
        }
    }

    @Test
    void settingErrorsOfAHostTypeNameTheSettingAndTheLine(@TempDir Path dir) throws Exception {
        Path missing = yaml(dir, "    type: pagerduty\n");
        assertThatThrownBy(() -> Vigil.builder().store(new MemoryStore()).channelType("pagerduty", pagerduty)
                .config(missing).build()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("vigil.yaml:3").hasMessageContaining("channels.pager.routing_key")
                .hasMessageContaining("is required");
        Path unknownSetting = yaml(dir, "    type: pagerduty\n    routing_key: x\n    color: red\n");
        assertThatThrownBy(() -> Vigil.builder().store(new MemoryStore()).channelType("pagerduty", pagerduty)
                .config(unknownSetting).build()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("channels.pager.color").hasMessageContaining("unknown setting");
        Path badBool = yaml(dir, "    type: pagerduty\n    routing_key: x\n    urgent: maybe\n");
        assertThatThrownBy(() -> Vigil.builder().store(new MemoryStore()).channelType("pagerduty", pagerduty)
                .config(badBool).build()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("channels.pager.urgent").hasMessageContaining("true or false");
    }

    @Test
    void anUnknownTypeListsTheKnownOnes(@TempDir Path dir) throws Exception {
        Path f = yaml(dir, "    type: pagerduty\n    routing_key: x\n");
        assertThatThrownBy(() -> Vigil.builder().store(new MemoryStore()).config(f).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("channels.pager.type")
                .hasMessageContaining("'pagerduty' is not a channel type")
                .hasMessageContaining("log, webhook, slack, email");
    }

    @Test
    void typeNamesAreCheckedWhenGiven() {
        Notifier none = (Notification n) -> { };
        assertThatThrownBy(() -> Vigil.builder().channelType("Pager Duty", s -> none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel type");
        assertThatThrownBy(() -> Vigil.builder().channelType("", s -> none))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
