package dev.vigil.config;

import java.util.List;
import java.util.Map;

/**
 * A parsed configuration file: monitors as code, named channels, {@code outbound.allow_private_targets} (the SSRF
 * guard's switch for webhooks to private or loopback addresses), {@code routing} and the HTTP API's
 * {@code http.api_keys}.
 */
public record VigilConfig(String source, List<MonitorDefinition> monitors, Map<String, ChannelDefinition> channels,
        boolean allowPrivateTargets, RoutingConfig routing, List<ApiKeyDefinition> apiKeys) {
    public VigilConfig {
        monitors = List.copyOf(monitors);
        channels = Map.copyOf(channels);
        apiKeys = List.copyOf(apiKeys);
    }

    /** A configuration without API keys (as before {@code http.api_keys} existed). */
    public VigilConfig(String source, List<MonitorDefinition> monitors, Map<String, ChannelDefinition> channels,
            boolean allowPrivateTargets, RoutingConfig routing) {
        this(source, monitors, channels, allowPrivateTargets, routing, List.of());
    }
}
