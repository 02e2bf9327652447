package dev.vigil.config;

import java.util.Map;

/**
 * A named notification channel from the {@code channels:} section: its {@code type} (e.g. {@code log}) and the
 * type's settings as strings (after {@code ${ENV}} substitution).
 */
public record ChannelDefinition(String name, String type, Map<String, String> settings) {
    public ChannelDefinition {
        settings = Map.copyOf(settings);
    }
}
