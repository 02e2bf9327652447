package dev.vigil.config;

import java.util.Map;

/**
 * A named notification channel from the {@code channels:} section: its {@code type} ({@code log}, {@code webhook},
 * {@code slack}, {@code email}), the type's settings as strings (after {@code ${ENV}} substitution; nested maps such
 * as {@code headers} flattened to {@code headers.X-Name}, lists joined with commas) and the line it starts on.
 */
public record ChannelDefinition(String name, String type, Map<String, String> settings, int line) {
    public ChannelDefinition {
        settings = Map.copyOf(settings);
    }
}
