package dev.vigil.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.config.ConfigException;
import dev.vigil.config.VigilConfig;
import dev.vigil.heartbeat.CheckEvent;
import dev.vigil.heartbeat.HeartbeatSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Heartbeat specs, ids, the pattern index and YAML {@code heartbeats:}, without a store. */
class HeartbeatUnitTest {

    @Test
    void intervalsAreCanopsisOneNumberAndOneUnit() {
        assertThat(HeartbeatSpec.parseInterval("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(HeartbeatSpec.parseInterval("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(HeartbeatSpec.parseInterval("1h")).isEqualTo(Duration.ofHours(1));
        for (String bad : List.of("1h30m", "500ms", "2d", "10", "0s", "0m", "-1s", " 10s", "10S", "", "s",
                "99999999999999999999s", "9000h")) {
            assertThatThrownBy(() -> HeartbeatSpec.parseInterval(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expectedInterval");
        }
    }

    @Test
    void theBuilderFailsEarlyWithTheReason() {
        assertThatThrownBy(() -> HeartbeatSpec.builder().expectedInterval("10s").build())
                .hasMessageContaining("at least one field");
        assertThatThrownBy(() -> HeartbeatSpec.builder().field("", "x")).hasMessageContaining("field names");
        assertThatThrownBy(() -> HeartbeatSpec.builder().field("a", "x").build())
                .hasMessageContaining("expectedInterval is required");
        assertThatThrownBy(() -> HeartbeatSpec.builder().quorum(0, "component")).hasMessageContaining("minSources");
        assertThatThrownBy(() -> HeartbeatFields.spec(Map.of("a", "b"), "10s", 3, null))
                .hasMessageContaining("source_field");
        HeartbeatSpec spec = HeartbeatSpec.builder().field("b", "2").field("a", "1")
                .expectedInterval(Duration.ofMinutes(15)).build();
        assertThat(spec.expectedInterval()).isEqualTo("15m");
        assertThat(spec.resource()).isEqualTo("a:1.b:2");
        assertThat(spec.sourceField()).isNull();
        assertThat(HeartbeatSpec.builder().field("a", "1").expectedInterval(Duration.ofSeconds(90)).build()
                .expectedInterval()).isEqualTo("90s");
    }

    @Test
    void idsFollowCanopsisAndCollisionsGetTheLengthPrefixedOne() {
        assertThat(HeartbeatIds.canonical(new TreeMap<>(Map.of("connector", "c2", "connector_name", "connector2"))))
                .isEqualTo("3d071cb49acce44040b35ed8c6714ef1");
        assertThat(HeartbeatIds.canonical(new TreeMap<>(Map.of("connector", "c1", "connector_name", "connector1"))))
                .isEqualTo("dee45902d176471ef5cf5c281fc3b83b");
        TreeMap<String, String> abc = new TreeMap<>(Map.of("a", "bc"));
        TreeMap<String, String> ab = new TreeMap<>(Map.of("ab", "c"));
        assertThat(HeartbeatIds.canonical(abc)).isEqualTo(HeartbeatIds.canonical(ab));
        assertThat(HeartbeatIds.alternate(abc)).isNotEqualTo(HeartbeatIds.alternate(ab))
                .isNotEqualTo(HeartbeatIds.canonical(ab)).matches("[0-9a-f]{32}");
    }

    @Test
    void theIndexMatchesEveryPatternTheSignalHasAndNothingElse() {
        HeartbeatIndex index = new HeartbeatIndex();
        index.put(new HeartbeatIndex.Entry("both", HeartbeatSpec.of(Map.of("connector", "c1", "connector_name", "n1"),
                "10s"), 0));
        index.put(new HeartbeatIndex.Entry("one", HeartbeatSpec.of(Map.of("connector", "c1"), "10s"), 0));
        index.put(new HeartbeatIndex.Entry("res", HeartbeatSpec.of(Map.of("connector", "c1", "resource", "disk"),
                "10s"), 0));
        index.put(new HeartbeatIndex.Entry("other", HeartbeatSpec.of(Map.of("connector", "c2"), "10s"), 0));
        assertThat(match(index, Map.of("connector", "c1", "connector_name", "n1", "component", "h")))
                .containsExactlyInAnyOrder("both", "one");
        assertThat(match(index, Map.of("connector", "c1", "resource", "disk"))).containsExactlyInAnyOrder("one", "res");
        assertThat(match(index, Map.of("connector", "C1"))).isEmpty();
        assertThat(match(index, Map.of("component", "c1"))).isEmpty();
        assertThat(index.remove("one")).isTrue();
        assertThat(index.remove("one")).isFalse();
        assertThat(match(index, Map.of("connector", "c1", "resource", "disk"))).containsExactly("res");
        assertThat(index.size()).isEqualTo(3);
    }

    private static List<String> match(HeartbeatIndex index, Map<String, String> fields) {
        List<String> out = new ArrayList<>();
        index.match(fields, e -> out.add(e.id));
        return out;
    }

    @Test
    void checkEventsAreValidatedAndBecomeFlatFields() {
        CheckEvent e = CheckEvent.check("c1", "connector1", "host1", "disk", 2).withOutput("80% full");
        assertThat(e.fields()).containsEntry("connector", "c1").containsEntry("connector_name", "connector1")
                .containsEntry("event_type", "check").containsEntry("source_type", "resource")
                .containsEntry("component", "host1").containsEntry("resource", "disk").containsEntry("state", "2")
                .containsEntry("output", "80% full");
        assertThat(CheckEvent.componentCheck("c1", "n", "host1", 0).fields()).doesNotContainKey("resource");
        assertThatThrownBy(() -> CheckEvent.check("c1", "n", "h", "r", 4)).hasMessageContaining("state");
        assertThatThrownBy(() -> CheckEvent.check("", "n", "h", "r", 0)).hasMessageContaining("connector is required");
        assertThatThrownBy(() -> new CheckEvent("c", "n", "check", "resource", "h", null, 0, null, null, Map.of()))
                .hasMessageContaining("resource is required");
        assertThatThrownBy(() -> new CheckEvent("c", "n", "check", "host", "h", null, 0, null, null, Map.of()))
                .hasMessageContaining("source_type");
    }

    @Test
    void yamlHeartbeatsWithLineNumbersForErrors() {
        VigilConfig c = ConfigLoader.parse("vigil.yaml", """
                heartbeats:
                  - pattern: {connector: c1, state: 0}
                    expected_interval: 10s
                  - pattern: {connector: zabbix}
                    expected_interval: 1m
                    min_sources: 3
                    source_field: component
                """, Map.of());
        assertThat(c.heartbeats()).hasSize(2);
        assertThat(c.heartbeats().get(0).spec().pattern()).containsEntry("state", "0");
        assertThat(c.heartbeats().get(1).spec().minSources()).isEqualTo(3);
        assertThat(error("heartbeats:\n  - pattern: {connector: c1}\n    expected_interval: 1h30m\n"))
                .startsWith("vigil.yaml:3: heartbeats[0].expected_interval: ");
        assertThat(error("heartbeats:\n  - expected_interval: 10s\n")).contains("heartbeats[0].pattern: is required");
        assertThat(error("heartbeats:\n  - pattern: {connector: c1}\n    expected_interval: 10s\n    every: 5\n"))
                .contains("heartbeats[0].every: unknown key");
        assertThat(error("heartbeats:\n  - pattern: {a: b}\n    expected_interval: 10s\n"
                + "  - pattern: {a: b}\n    expected_interval: 1m\n")).contains("heartbeats[1].pattern: the same pattern");
        assertThat(error("heartbeats:\n  - pattern: {a: b}\n    expected_interval: 10s\n    min_sources: 2\n"))
                .contains("source_field");
    }

    private static String error(String yaml) {
        try {
            ConfigLoader.parse("vigil.yaml", yaml, Map.of());
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a ConfigException for:\n" + yaml);
    }
}
