package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.config.ChannelDefinition;
import dev.vigil.notify.ChannelSettingException;
import dev.vigil.notify.Notifier;
import dev.vigil.notify.OutboundPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code slack} channel type: an incoming webhook ({@code url}) or a bot token ({@code token}). */
class SlackChannelTypeTest {
    private static Notifier slack(Map<String, String> settings) {
        return new ChannelTypes(Map.of()).create(new ChannelDefinition("slack", "slack", settings, 3),
                OutboundPolicy.publicOnly());
    }

    @Test
    void aBotTokenOrAWebhook() {
        assertThat(slack(Map.of("token", "xoxb-1-2-3")).toString()).isEqualTo("SlackNotifier[bot slack.com]");
        assertThat(slack(Map.of("token", "xoxb-1", "channel", "#alerts", "api_url", "https://slack.example.org/api"))
                .toString()).isEqualTo("SlackNotifier[bot slack.example.org]");
        assertThat(slack(Map.of("url", "https://hooks.slack.com/services/T/B/X")).toString())
                .isEqualTo("SlackNotifier[webhook hooks.slack.com]");
    }

    @Test
    void wrongCombinationsNameTheSetting() {
        assertThatThrownBy(() -> slack(Map.of("token", "xoxb-1", "url", "https://hooks.slack.com/x")))
                .isInstanceOf(ChannelSettingException.class).hasMessageContaining("either url")
                .satisfies(e -> assertThat(((ChannelSettingException) e).key()).isEqualTo("url"));
        assertThatThrownBy(() -> slack(Map.of("url", "https://hooks.slack.com/x", "channel", "#a")))
                .satisfies(e -> assertThat(((ChannelSettingException) e).key()).isEqualTo("channel"));
        assertThatThrownBy(() -> slack(Map.of("token", "xoxb 1")))
                .satisfies(e -> assertThat(((ChannelSettingException) e).key()).isEqualTo("token"));
        assertThatThrownBy(() -> slack(Map.of("token", "xoxb-1", "api_url", "ftp://x")))
                .satisfies(e -> assertThat(((ChannelSettingException) e).key()).isEqualTo("api_url"));
        assertThatThrownBy(() -> slack(Map.of()))
                .satisfies(e -> assertThat(((ChannelSettingException) e).key()).isEqualTo("url"));
    }
}
