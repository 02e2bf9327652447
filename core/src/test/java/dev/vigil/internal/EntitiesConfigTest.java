package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.config.ConfigException;
import dev.vigil.config.VigilConfig;
import dev.vigil.entity.Entities;
import dev.vigil.entity.EntityDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The YAML's {@code entities:}, as the body of {@code POST /api/v1/entities}, with file:line errors. */
class EntitiesConfigTest {

    private static VigilConfig parse(String yaml) {
        return ConfigLoader.parse("vigil.yaml", yaml, Map.of("ZONE", "eu-1"));
    }

    @Test
    void readsEntitiesWithTagsPropertiesAndRelationships() {
        String group = Entities.entityId("HOST_GROUP", "cloud-burst-hosts");
        VigilConfig c = parse(String.join("\n",
                "entities:",
                "  - type: HOST_GROUP",
                "    displayName: cloud-burst-hosts",
                "  - type: host",
                "    displayName: burst-1",
                "    tags: [env:prod, \"[AWS]zone:${ZONE}\"]",
                "    properties: {os: linux}",
                "    fromRelationships:",
                "      isInstanceOf: [" + group + "]"));
        assertThat(c.entities()).containsExactly(EntityDefinition.of("HOST_GROUP", "cloud-burst-hosts"),
                new EntityDefinition("HOST", "burst-1", List.of("env:prod", "[AWS]zone:eu-1"), Map.of("os", "linux"),
                        Map.of("isInstanceOf", List.of(group))));
    }

    @Test
    void errorsNameTheLineAndTheField() {
        assertThatThrownBy(() -> parse("entities:\n  - type: HOST\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("vigil.yaml:2").hasMessageContaining("entities[0].displayName");
        assertThatThrownBy(() -> parse("entities:\n  - type: HOST\n    displayName: a\n    colour: red\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("entities[0].colour");
        assertThatThrownBy(() -> parse("entities:\n  - type: 'not a type'\n    displayName: a\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("type must be upper-case");
        assertThatThrownBy(() -> parse("entities:\n  - {type: HOST, displayName: a}\n  - {type: HOST, displayName: a}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("declared twice");
        assertThatThrownBy(() -> parse("entities:\n  - type: HOST\n    displayName: a\n    fromRelationships:\n"
                + "      isInstanceOf: [not-an-id]\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("entity ids");
    }
}
