package dev.vigil.internal;

import dev.vigil.config.ConfigException;
import dev.vigil.config.VigilConfig;
import dev.vigil.config.ChannelDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.monitor.AlertOn;
import dev.vigil.monitor.PushMonitorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String SEED = String.join("\n",
            "monitors:",
            "  - name: \"Daily Backup Job\"",
            "    type: \"push\"",
            "    enabled: true",
            "    group: \"Maintenance Tasks\"",
            "",
            "    config:",
            "      expected_interval: 86400  # 24 hours in seconds",
            "      grace_period: 3600        # 1 hour grace period (25 hours total)",
            "      require_payload: false    # Optional status data",
            "",
            "    notifications:",
            "      - \"admin_email\"",
            "    alert_on:",
            "      - down  # Alert if push doesn't arrive",
            "      - up    # Alert when push resumes",
            "");

    private static VigilConfig parse(String yaml) {
        return ConfigLoader.parse("vigil.yaml", yaml, Map.of("HOME_ZONE", "Europe/Berlin", "SECRET", "s3cr3t-s3cr3t-s3cr3t"));
    }

    private static ConfigException error(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigException for:\n" + yaml);
    }

    @Test
    void readsTheSeedExampleExactly() {
        VigilConfig c = parse(SEED);
        assertThat(c.monitors()).singleElement().satisfies(d -> {
            PushMonitorSpec s = d.spec();
            assertThat(s.name()).isEqualTo("Daily Backup Job");
            assertThat(s.group()).isEqualTo("Maintenance Tasks");
            assertThat(s.expectedInterval()).isEqualTo(Duration.ofDays(1));
            assertThat(s.gracePeriod()).isEqualTo(Duration.ofHours(1));
            assertThat(s.requirePayload()).isFalse();
            assertThat(s.notifications()).containsExactly("admin_email");
            assertThat(s.alertOn()).containsExactlyInAnyOrder(AlertOn.DOWN, AlertOn.UP);
            assertThat(d.secretKey()).isNull();
        });
    }

    @Test
    void readsChannelsSchedulesAndVariables() {
        VigilConfig c = parse(String.join("\n",
                "channels:",
                "  ops:",
                "    type: LOG",
                "    headers: {X-Team: sre}",
                "    to: [a@example.com, b@example.com]",
                "monitors:",
                "  - name: nightly",
                "    secret_key: ${SECRET}",
                "    config:",
                "      schedule: \"30 2 * * *\"",
                "      timezone: ${HOME_ZONE}",
                "      grace_period: 15m",
                "      max_runtime: ${RUNTIME:-1h}",
                "      failure_threshold: 2",
                "  - name: \"literal $${NOT_A_VAR}\"",
                "    config: {expected_interval: 1h30m}"));
        assertThat(c.channels().get("ops")).isEqualTo(new ChannelDefinition("ops", "log",
                Map.of("headers.X-Team", "sre", "to", "a@example.com,b@example.com"), 3));
        assertThat(c.monitors().get(0).spec().timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(c.monitors().get(0).spec().maxRuntime()).isEqualTo(Duration.ofHours(1));
        assertThat(c.monitors().get(0).secretKey()).isEqualTo("s3cr3t-s3cr3t-s3cr3t");
        assertThat(c.monitors().get(0).toString()).doesNotContain("s3cr3t");
        assertThat(c.monitors().get(1).spec().name()).isEqualTo("literal ${NOT_A_VAR}");
        assertThat(c.monitors().get(1).spec().expectedInterval()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void emptyFilesAreEmptyConfigs() {
        assertThat(parse("").monitors()).isEmpty();
        assertThat(parse("monitors:\n").monitors()).isEmpty();
    }

    @Test
    void errorsNameFileLineAndField() {
        ConfigException e = error(SEED.replace("86400  #", "abc  #"));
        assertThat(e.source()).isEqualTo("vigil.yaml");
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.field()).isEqualTo("monitors[0].config.expected_interval");
        assertThat(e.getMessage()).startsWith("vigil.yaml:8: monitors[0].config.expected_interval: ")
                .contains("'abc'");

        assertThat(error(SEED.replace("require_payload: false", "require_payload: maybe")).getMessage())
                .startsWith("vigil.yaml:10: monitors[0].config.require_payload: must be true or false");
        assertThat(error(SEED.replace("- up ", "- sideways ")).getMessage())
                .startsWith("vigil.yaml:16: monitors[0].alert_on[1]: ");
        assertThat(error(SEED.replace("    group:", "    grup:")).getMessage())
                .startsWith("vigil.yaml:5: monitors[0].grup: unknown key");
        assertThat(error(SEED.replace("type: \"push\"", "type: \"http\"")).getMessage())
                .contains("monitors[0].type").contains("use type: push");
        assertThat(error(SEED + "  - name: \"Daily Backup Job\"\n    config: {expected_interval: 60}\n").getMessage())
                .contains("monitors[1].name").contains("unique");
    }

    @Test
    void monitorFieldsShareTheAdminApiMessages() {
        assertThat(error(SEED.replace("- up ", "- sideways ")).getMessage())
                .isEqualTo("vigil.yaml:16: monitors[0].alert_on[1]: 'sideways' is not one of: down, up");
        assertThat(error("monitors:\n  - name: x\n    config: {expected_interval: 60, schedule: '@daily'}\n")
                .getMessage()).isEqualTo("vigil.yaml:3: monitors[0].config: give either expected_interval or "
                        + "schedule, not both");
        assertThat(error(SEED.replace("86400  #", "-5  #")).getMessage()).isEqualTo("vigil.yaml:8: "
                + "monitors[0].config.expected_interval: must be a number of seconds or a duration such as 90s, 15m, "
                + "1h30m; got '-5'");
    }

    @Test
    void structuralErrors() {
        assertThat(error("monitors: {name: x}").getMessage()).contains("monitors: must be a list");
        assertThat(error("monitors:\n  - name: x\n").getMessage()).contains("monitors[0].config: is required");
        assertThat(error("monitors:\n  - config: {expected_interval: 60}\n").getMessage())
                .contains("monitors[0].name: is required");
        assertThat(error("monitors:\n  - name: x\n    config: {expected_interval: 0}\n").getMessage())
                .contains("vigil.yaml:3: monitors[0].config.expected_interval: expected_interval must be between 1s");
        assertThat(error("monitors:\n  - name: x\n    config: {schedule: '* *'}\n").getMessage())
                .contains("monitors[0].config.schedule: schedule '* *' must have 5 fields");
        assertThat(error("channels:\n  ops: {}\n").getMessage()).contains("channels.ops.type: is required");
        assertThat(error("colour: blue\n").getMessage()).contains("colour: unknown key");
        assertThat(error("monitors:\n  - name: x\n    secret_key: ${MISSING}\n    config: {expected_interval: 60}\n")
                .getMessage()).contains("environment variable MISSING is not set");
    }

    @Test
    void schedulesThatNeverRunNameFileAndLine() {
        ConfigException e = error("monitors:\n  - name: x\n    config:\n      schedule: \"0 0 30 2 *\"\n");
        assertThat(e.getMessage()).isEqualTo("vigil.yaml:4: monitors[0].config.schedule: schedule '0 0 30 2 *' never"
                + " runs: no date matches its day of month and month (such as February 30 or April 31)");
        assertThat(error("monitors:\n  - name: x\n    config: {schedule: '0 0 31 4 *'}\n").getMessage())
                .startsWith("vigil.yaml:3: monitors[0].config.schedule: schedule '0 0 31 4 *' never runs");
        assertThat(parse("monitors:\n  - name: x\n    config: {schedule: '0 0 29 2 *'}\n").monitors()).hasSize(1);
    }

    @Test
    void invalidYamlNamesTheLine() {
        ConfigException e = error("monitors:\n  - name: \"unterminated\n    config: {}\n");
        assertThat(e.getMessage()).startsWith("vigil.yaml:").contains("invalid YAML");
        assertThat(e.line()).isPositive();
        assertThat(error("monitors:\n  - name: a\n    name: b\n").getMessage()).contains("vigil.yaml:3").contains("duplicate key 'name'");
        assertThat(error("- just\n- a list\n").getMessage()).contains("must be a mapping");
    }

    @Test
    void missingFilesAreClearErrors(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.yaml").hasMessageContaining("cannot read");
        Path f = dir.resolve("ok.yaml");
        Files.writeString(f, SEED);
        assertThat(ConfigLoader.load(f, Map.of()).source()).isEqualTo(f.toString());
    }

    @Test
    void readsDeclaredServices() {
        VigilConfig c = parse(String.join("\n",
                "services:",
                "  - path: myorg/platform/prod/cluster1/postgresql",
                "    criticality: critical",
                "    sla_group: database-cluster",
                "    tags: [database, pvc]",
                "    backup:",
                "      expected: true",
                "      max_age: 26h",
                "    stale_after: 10m",
                "  - path: myorg/platform/prod/cluster1/billing",
                "    depends_on: [myorg/platform/prod/cluster1/postgresql]",
                ""));
        assertThat(c.services()).hasSize(2);
        dev.vigil.service.ServiceDeclaration pg = c.services().get(0).declaration();
        assertThat(c.services().get(0).path()).isEqualTo("myorg/platform/prod/cluster1/postgresql");
        assertThat(pg.criticality()).isEqualTo("critical");
        assertThat(pg.slaGroup()).isEqualTo("database-cluster");
        assertThat(pg.tags()).containsExactlyInAnyOrder("database", "pvc");
        assertThat(pg.backupExpected()).isTrue();
        assertThat(pg.backupMaxAge()).isEqualTo(Duration.ofHours(26));
        assertThat(pg.staleAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.services().get(1).declaration().dependsOn())
                .containsExactly("myorg/platform/prod/cluster1/postgresql");
        assertThat(c.services().get(1).declaration().staleAfter()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void refusesBadServiceDeclarationsWithFileAndLine() {
        assertThat(error("services:\n  - criticality: high\n").getMessage()).contains("services[0].path")
                .contains("required");
        assertThat(error("services:\n  - path: a/b\n").getMessage()).contains("vigil.yaml:2").contains("five");
        assertThat(error("services:\n  - path: a/b/c/d/e\n    stale_after: soon\n").getMessage())
                .contains("services[0].stale_after");
        assertThat(error("services:\n  - path: a/b/c/d/e\n    backup: {expected: true, max_age: 0}\n")
                .getMessage()).contains("max_age");
        assertThat(error("services:\n  - path: a/b/c/d/e\n    colour: red\n").getMessage()).contains("colour");
        assertThat(error("services:\n  - path: a/b/c/d/e\n    depends_on: [a/b/c/d/e]\n").getMessage())
                .contains("itself");
        assertThat(error("services:\n  - path: a/b/c/d/e\n  - path: a/b/c/d/e\n").getMessage())
                .contains("declared twice");
    }
}
