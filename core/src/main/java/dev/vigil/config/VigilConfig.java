package dev.vigil.config;

import dev.vigil.entity.EntityDefinition;
import java.util.List;
import java.util.Map;

/**
 * A parsed configuration file: monitors as code, named channels, {@code outbound.allow_private_targets} (the SSRF
 * guard's switch for webhooks to private or loopback addresses), {@code routing}, the HTTP API's
 * {@code http.api_keys}, declared {@code services}, {@code heartbeats} and {@code entities}.
 */
public record VigilConfig(String source, List<MonitorDefinition> monitors, Map<String, ChannelDefinition> channels,
        boolean allowPrivateTargets, RoutingConfig routing, List<ApiKeyDefinition> apiKeys,
        List<ServiceDefinition> services, List<HeartbeatDefinition> heartbeats, List<EntityDefinition> entities) {
    public VigilConfig {
        heartbeats = List.copyOf(heartbeats);
        entities = List.copyOf(entities);
        monitors = List.copyOf(monitors);
        channels = Map.copyOf(channels);
        apiKeys = List.copyOf(apiKeys);
        services = List.copyOf(services);
    }

    /** A configuration without declared heartbeats and entities. */
    public VigilConfig(String source, List<MonitorDefinition> monitors, Map<String, ChannelDefinition> channels,
            boolean allowPrivateTargets, RoutingConfig routing, List<ApiKeyDefinition> apiKeys,
            List<ServiceDefinition> services) {
        this(source, monitors, channels, allowPrivateTargets, routing, apiKeys, services, List.of(), List.of());
    }

    /** A configuration without declared services. */
    public VigilConfig(String source, List<MonitorDefinition> monitors, Map<String, ChannelDefinition> channels,
            boolean allowPrivateTargets, RoutingConfig routing, List<ApiKeyDefinition> apiKeys) {
        this(source, monitors, channels, allowPrivateTargets, routing, apiKeys, List.of());
    }

    /** A configuration without API keys (as before {@code http.api_keys} existed). */
    public VigilConfig(String source, List<MonitorDefinition> monitors, Map<String, ChannelDefinition> channels,
            boolean allowPrivateTargets, RoutingConfig routing) {
        this(source, monitors, channels, allowPrivateTargets, routing, List.of());
    }
}
