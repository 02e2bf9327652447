package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.heartbeat.CheckEvent;
import dev.vigil.heartbeat.DuplicateHeartbeatException;
import dev.vigil.heartbeat.Heartbeat;
import dev.vigil.heartbeat.HeartbeatSpec;
import dev.vigil.heartbeat.Heartbeats;
import dev.vigil.model.Severity;
import dev.vigil.model.Transition;
import dev.vigil.monitor.CreatedMonitor;
import dev.vigil.monitor.Payload;
import dev.vigil.monitor.PushMonitorSpec;
import dev.vigil.service.HealthReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heartbeats (seed 004) through the Java API, on the store under test, with a manual clock and {@code tick()}:
 * ids, duplicates, missing → alert → match → resolve, fan-out, quorum, every signal source, YAML, and two Vigil
 * instances sharing the store.
 */
public abstract class HeartbeatContractTest extends StoreContract {
    private static final Map<String, String> C1 = Map.of("connector", "c1", "connector_name", "connector1");

    protected ManualClock clock;
    protected RecordingNotifier sent;
    protected Vigil vigil;
    protected Heartbeats heartbeats;

    @BeforeEach
    void buildVigil() {
        clock = ManualClock.at("2025-01-15T12:00:00Z");
        sent = new RecordingNotifier();
        vigil = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock).notifier(sent).build();
        heartbeats = vigil.heartbeats();
    }

    @AfterEach
    void closeVigil() {
        vigil.close();
    }

    private static CheckEvent c1(String component, int state) {
        return CheckEvent.check("c1", "connector1", component, "disk", state);
    }

    private List<Transition> history(String id) {
        return heartbeats.history(id, 100);
    }

    private void advance(Duration d) {
        clock.advance(d);
        vigil.tick();
    }

    @Test
    void theIdIsTheMd5OfSortedKeysAndValuesAsInTheSeed() {
        Heartbeat c2 = heartbeats.create(HeartbeatSpec.of(
                Map.of("connector_name", "connector2", "connector", "c2"), "15m"));
        assertThat(c2.id()).isEqualTo("3d071cb49acce44040b35ed8c6714ef1"); // the seed's second id, exactly
        Heartbeat c1 = heartbeats.create(HeartbeatSpec.of(C1, "10s"));
        assertThat(c1.id()).isEqualTo("dee45902d176471ef5cf5c281fc3b83b");
        assertThat(c1.spec().expectedInterval()).isEqualTo("10s");
        assertThat(c1.status()).isEqualTo(Heartbeat.OK);
        assertThat(c1.deadline()).isEqualTo(Instant.parse("2025-01-15T12:00:10.001Z"));
        assertThat(heartbeats.get(c1.id())).hasValueSatisfying(h -> assertThat(h.spec().pattern()).isEqualTo(C1));
        clock.advance(Duration.ofSeconds(1));
        heartbeats.create(HeartbeatSpec.of(Map.of("component", "a"), "1h"));
        assertThat(heartbeats.list()).extracting(Heartbeat::id).containsExactly(c2.id(), c1.id(),
                heartbeats.list().get(2).id()); // oldest first
    }

    @Test
    void duplicatesAreFoundByPatternAndACollidingPatternGetsTheAlternateId() {
        Heartbeat first = heartbeats.create(HeartbeatSpec.of(C1, "10s"));
        assertThatThrownBy(() -> heartbeats.create(HeartbeatSpec.of(C1, "1h")))
                .isInstanceOf(DuplicateHeartbeatException.class)
                .satisfies(e -> assertThat(((DuplicateHeartbeatException) e).existingId()).isEqualTo(first.id()));

        Heartbeat abc = heartbeats.create(HeartbeatSpec.of(Map.of("a", "bc"), "10s"));
        Heartbeat ab = heartbeats.create(HeartbeatSpec.of(Map.of("ab", "c"), "10s"));
        assertThat(abc.id()).isEqualTo("900150983cd24fb0d6963f7d28e17f72"); // md5("abc")
        assertThat(ab.id()).hasSize(32).matches("[0-9a-f]{32}").isNotEqualTo(abc.id());
        assertThatThrownBy(() -> heartbeats.create(HeartbeatSpec.of(Map.of("ab", "c"), "1m")))
                .isInstanceOf(DuplicateHeartbeatException.class);
        // with the first one gone, the second pattern is still found under its alternate id
        assertThat(heartbeats.delete(abc.id())).isTrue();
        assertThatThrownBy(() -> heartbeats.create(HeartbeatSpec.of(Map.of("ab", "c"), "1m")))
                .isInstanceOf(DuplicateHeartbeatException.class);
        assertThat(heartbeats.delete(abc.id())).isFalse();
        assertThat(heartbeats.get(abc.id())).isEmpty();
        assertThat(heartbeats.get(ab.id())).isPresent();
    }

    @Test
    void missingAlertsThenTheNextMatchResolves() {
        String id = heartbeats.create(HeartbeatSpec.of(C1, "10s")).id();
        advance(Duration.ofSeconds(10)); // a new heartbeat gets one full interval; it alerts strictly after it
        assertThat(history(id)).isEmpty();
        advance(Duration.ofMillis(1));
        assertThat(history(id)).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo("OK");
            assertThat(t.to()).isEqualTo("ALERT");
            assertThat(t.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(t.reason()).isEqualTo("no matching signal for 10s");
            assertThat(t.labels()).containsEntry("connector", "c1").containsEntry("connector_name", "connector1")
                    .containsEntry("alarm.connector", "heartbeat").containsEntry("alarm.connector_name", "heartbeat")
                    .containsEntry("alarm.component", "heartbeats")
                    .containsEntry("alarm.resource", "connector:c1.connector_name:connector1")
                    .containsEntry("alarm.state", "3");
        });
        assertThat(sent.transitions()).extracting(Transition::to).containsExactly("ALERT");
        assertThat(heartbeats.get(id).orElseThrow().deadline()).isNull();

        advance(Duration.ofMinutes(5)); // alerting: nothing more happens without a match
        assertThat(history(id)).hasSize(1);

        heartbeats.receive(c1("host1", 0));
        Instant matched = clock.instant();
        advance(Duration.ofMillis(500));
        assertThat(history(id).get(0)).satisfies(t -> {
            assertThat(t.from()).isEqualTo("ALERT");
            assertThat(t.to()).isEqualTo("OK");
            assertThat(t.severity()).isEqualTo(Severity.RESOLVED);
            assertThat(t.labels()).containsEntry("alarm.state", "0");
        });
        Heartbeat h = heartbeats.get(id).orElseThrow();
        assertThat(h.status()).isEqualTo(Heartbeat.OK);
        assertThat(h.lastMatchAt()).isEqualTo(matched);
        assertThat(h.deadline()).isEqualTo(matched.plusSeconds(10).plusMillis(1));
        assertThat(sent.transitions()).extracting(Transition::to).containsExactly("ALERT", "OK");

        // signals every 5 s keep it OK; then silence alerts again
        for (int i = 0; i < 6; i++) {
            heartbeats.receive(c1("host1", 0));
            advance(Duration.ofSeconds(5));
        }
        assertThat(history(id)).hasSize(2);
        advance(Duration.ofSeconds(5).plusMillis(1));
        assertThat(history(id)).extracting(Transition::to).containsExactly("ALERT", "OK", "ALERT");
    }

    @Test
    void oneSignalMatchesEveryHeartbeatWhosePatternItHas() {
        String both = heartbeats.create(HeartbeatSpec.of(C1, "10s")).id();
        String connector = heartbeats.create(HeartbeatSpec.of(Map.of("connector", "c1"), "10s")).id();
        String other = heartbeats.create(HeartbeatSpec.of(Map.of("connector", "c2"), "10s")).id();
        advance(Duration.ofSeconds(11));
        assertThat(sent.transitions()).hasSize(3);

        heartbeats.receive(c1("host1", 2)); // one signal, two heartbeats
        vigil.tick();
        assertThat(history(both)).extracting(Transition::to).containsExactly("OK", "ALERT");
        assertThat(history(connector)).extracting(Transition::to).containsExactly("OK", "ALERT");
        assertThat(history(other)).extracting(Transition::to).containsExactly("ALERT");
    }

    @Test
    void aPatternWithAFieldTheSignalLacksNeverMatches() {
        String withResource = heartbeats.create(HeartbeatSpec.of(Map.of("connector", "c1", "resource", "disk"),
                "10s")).id();
        String withOther = heartbeats.create(HeartbeatSpec.of(Map.of("connector", "c1", "site", "paris"),
                "10s")).id();
        for (int i = 0; i < 3; i++) {
            // a component event has no resource; no event has a site
            heartbeats.receive(CheckEvent.componentCheck("c1", "connector1", "host1", 0));
            advance(Duration.ofSeconds(4));
        }
        assertThat(history(withResource)).extracting(Transition::to).containsExactly("ALERT");
        assertThat(history(withOther)).extracting(Transition::to).containsExactly("ALERT");
        assertThat(heartbeats.get(withResource).orElseThrow().lastMatchAt()).isNull();
        // a value that differs does not match either
        heartbeats.receive(CheckEvent.check("c1", "connector1", "host1", "cpu", 0));
        vigil.tick();
        assertThat(history(withResource)).hasSize(1);
        heartbeats.receive(CheckEvent.check("c1", "connector1", "host1", "disk", 0));
        vigil.tick();
        assertThat(history(withResource)).extracting(Transition::to).containsExactly("OK", "ALERT");
    }

    @Test
    void aQuorumNeedsThatManyDistinctSourcesWithinTheInterval() {
        HeartbeatSpec spec = HeartbeatSpec.builder().field("connector", "zabbix").field("resource", "ping")
                .expectedInterval("1m").quorum(3, "component").build();
        String id = heartbeats.create(spec).id(); // 12:00:00
        for (String host : List.of("web1", "web2", "web2")) { // at 12:00:10, :20, :30
            advance(Duration.ofSeconds(10));
            heartbeats.receive(CheckEvent.check("zabbix", "z1", host, "ping", 0));
        }
        // another source's event on the same pattern field set does not count: it does not match
        heartbeats.receive(CheckEvent.check("zabbix", "z1", "db1", "disk", 0));
        advance(Duration.ofSeconds(29));
        assertThat(history(id)).isEmpty(); // still its first minute
        advance(Duration.ofSeconds(2)); // 12:01:01: two distinct sources within the minute
        assertThat(history(id)).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo("ALERT");
            assertThat(t.reason()).isEqualTo("2 of 3 sources (component) matched within 1m");
        });
        heartbeats.receive(CheckEvent.check("zabbix", "z1", "web3", "ping", 0));
        vigil.tick();
        assertThat(history(id)).extracting(Transition::to).containsExactly("OK", "ALERT");
        Heartbeat h = heartbeats.get(id).orElseThrow();
        assertThat(h.sources()).containsExactly("web1", "web2", "web3");
        // web1's match (12:00:10) leaves the window a minute later: the quorum fails again then
        assertThat(h.deadline()).isEqualTo(Instant.parse("2025-01-15T12:01:10.001Z"));
        advance(Duration.ofSeconds(9));
        assertThat(history(id)).hasSize(2);
        advance(Duration.ofSeconds(1));
        assertThat(history(id)).extracting(Transition::to).containsExactly("ALERT", "OK", "ALERT");
        heartbeats.receive(CheckEvent.check("zabbix", "z1", "web1", "ping", 0));
        vigil.tick();
        assertThat(history(id)).extracting(Transition::to).containsExactly("OK", "ALERT", "OK", "ALERT");
    }

    @Test
    void pushesAndServiceReportsAreSignalsToo() {
        String push = heartbeats.create(HeartbeatSpec.of(Map.of("connector_name", "push",
                "resource", "Daily Backup Job"), "1m")).id();
        String health = heartbeats.create(HeartbeatSpec.of(Map.of("connector_name", "health",
                "component", "myorg/infra/prod/baremetal", "resource", "galera-node1"), "1m")).id();
        CreatedMonitor m = vigil.monitors().create(PushMonitorSpec.named("Daily Backup Job")
                .expectedInterval(Duration.ofDays(1)));
        for (int i = 0; i < 3; i++) {
            vigil.monitors().push(m.id(), m.secret(), Payload.EMPTY);
            vigil.services().report(HealthReport.of("myorg/infra/prod/baremetal/galera-node1", "OPERATIONAL"));
            advance(Duration.ofSeconds(40));
        }
        assertThat(history(push)).isEmpty();
        assertThat(history(health)).isEmpty();
        assertThat(heartbeats.get(push).orElseThrow().lastMatchAt()).isEqualTo(Instant.parse("2025-01-15T12:01:20Z"));
    }

    @Test
    void twoInstancesOnOneStoreSeeEachOthersHeartbeatsAndMatches() {
        try (Vigil other = Vigil.builder().store(store).closeStoreOnClose(false).clock(clock)
                .notifier(new RecordingNotifier()).build()) {
            // created on this instance, matched on the other one after its next evaluator step (change feed)
            String id = heartbeats.create(HeartbeatSpec.of(C1, "10s")).id();
            other.tick();
            clock.advance(Duration.ofSeconds(8));
            other.heartbeats().receive(c1("host1", 0)); // signal on B
            other.tick(); // B writes the match
            clock.advance(Duration.ofSeconds(8)); // past the creation's deadline, not the match's
            vigil.tick(); // evaluation on A sees B's match
            assertThat(history(id)).isEmpty();
            assertThat(heartbeats.get(id).orElseThrow().lastMatchAt()).isEqualTo(
                    Instant.parse("2025-01-15T12:00:08Z"));

            // deleted on B: A stops matching it after its next step, and a re-creation on A starts afresh
            assertThat(other.heartbeats().delete(id)).isTrue();
            vigil.tick();
            heartbeats.receive(c1("host1", 0));
            vigil.tick();
            assertThat(heartbeats.get(id)).isEmpty();
            String again = heartbeats.create(HeartbeatSpec.of(C1, "10s")).id();
            other.tick();
            other.heartbeats().receive(c1("host1", 0));
            other.tick();
            assertThat(heartbeats.get(again).orElseThrow().lastMatchAt()).isEqualTo(clock.instant());
        }
    }

    @Test
    void yamlHeartbeatsAreDeclaredOnceByPattern(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("vigil.yaml");
        Files.writeString(file, """
                heartbeats:
                  - pattern: {connector: c1, connector_name: connector1}
                    expected_interval: 10s
                  - pattern: {connector: zabbix, resource: ping}
                    expected_interval: 1m
                    min_sources: 3
                    source_field: component
                """);
        vigil.applyConfig(file);
        vigil.applyConfig(file); // idempotent
        assertThat(heartbeats.list()).hasSize(2);
        Heartbeat quorum = heartbeats.list().stream().filter(h -> h.spec().pattern().containsKey("resource"))
                .findFirst().orElseThrow();
        assertThat(quorum.spec().minSources()).isEqualTo(3);
        assertThat(quorum.spec().sourceField()).isEqualTo("component");
        Files.writeString(file, """
                heartbeats:
                  - pattern: {connector_name: connector1, connector: c1}
                    expected_interval: 15m
                """);
        vigil.applyConfig(file); // same pattern: the interval changes, the id stays
        assertThat(heartbeats.get("dee45902d176471ef5cf5c281fc3b83b").orElseThrow().spec().expectedInterval())
                .isEqualTo("15m");
        assertThat(heartbeats.list()).hasSize(2); // a declaration never deletes
    }
}
