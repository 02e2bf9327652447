package dev.vigil.config;

import java.util.List;
import java.util.Map;

/**
 * A parsed configuration file: monitors as code, named channels, {@code outbound.allow_private_targets} (the SSRF
 * guard's switch for webhooks to private or loopback addresses) and {@code routing}.
 */
public record VigilConfig(String source, List<MonitorDefinition> monitors, Map<String, ChannelDefinition> channels,
        boolean allowPrivateTargets, RoutingConfig routing) {
    public VigilConfig {
        monitors = List.copyOf(monitors);
        channels = Map.copyOf(channels);
    }
}
