package dev.vigil.config;

import java.util.List;
import java.util.Map;

/** A parsed configuration file: monitors as code and named channels. */
public record VigilConfig(String source, List<MonitorDefinition> monitors, Map<String, ChannelDefinition> channels) {
    public VigilConfig {
        monitors = List.copyOf(monitors);
        channels = Map.copyOf(channels);
    }
}
