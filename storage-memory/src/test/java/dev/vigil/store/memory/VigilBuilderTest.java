package dev.vigil.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.Vigil;
import dev.vigil.config.ConfigException;
import dev.vigil.kind.Codec;
import dev.vigil.kind.Outcome;
import dev.vigil.kind.SubjectKind;
import dev.vigil.testkit.EngineContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Vigil.Builder} validates every setting when it is given, and the config at build(). */
class VigilBuilderTest {

    @Test
    void aStoreIsRequired() {
        assertThatThrownBy(() -> Vigil.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a store is required");
    }

    @Test
    void settingsAreValidatedEagerly() {
        Vigil.Builder b = Vigil.builder();
        assertThatThrownBy(() -> b.batchSize(0)).hasMessageContaining("batchSize must be between 1 and 100000, got 0");
        assertThatThrownBy(() -> b.claimLease(Duration.ZERO)).hasMessageContaining("claimLease");
        assertThatThrownBy(() -> b.maxIdle(Duration.ofHours(1))).hasMessageContaining("maxIdle");
        assertThatThrownBy(() -> b.deliveryRetries(0, Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> b.deliveryRetries(3, Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessageContaining("backoff");
        assertThatThrownBy(() -> b.deliveryConcurrency(0, 1)).hasMessageContaining("delivery concurrency must be"
                + " between 1 and 1000, got 0");
        assertThatThrownBy(() -> b.deliveryConcurrency(8, 9)).hasMessageContaining("deliveries per destination must"
                + " be between 1 and the concurrency (8), got 9");
        assertThatThrownBy(() -> b.deliveryConcurrency(8, 0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> b.channel("default", n -> { })).hasMessageContaining("default");
        assertThatThrownBy(() -> b.channel(" ", n -> { })).hasMessageContaining("non-blank");
    }

    @Test
    void kindsAreCheckedWhenRegistered() {
        EngineContractTest.TicketKind ticket = EngineContractTest.TicketKind.INSTANCE;
        Vigil.Builder b = Vigil.builder().kind(ticket);
        assertThatThrownBy(() -> b.kind(ticket)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'test_ticket' is registered already");
        SubjectKind<?, ?> pushMonitors = new Renamed(ticket, "push_monitor");
        assertThatThrownBy(() -> Vigil.builder().kind(pushMonitors)).hasMessageContaining("registered already");
        assertThatThrownBy(() -> Vigil.builder().kind(new Renamed(ticket, "Tickets!")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower_snake_case");
    }

    /** A kind under another name, to try names the builder must refuse. */
    private record Renamed(EngineContractTest.TicketKind kind, String name)
            implements SubjectKind<EngineContractTest.TicketSpec, EngineContractTest.TicketState> {
        @Override
        public Codec<EngineContractTest.TicketSpec> specCodec() {
            return kind.specCodec();
        }

        @Override
        public Codec<EngineContractTest.TicketState> stateCodec() {
            return kind.stateCodec();
        }

        @Override
        public String displayName(String key, EngineContractTest.TicketSpec spec) {
            return kind.displayName(key, spec);
        }

        @Override
        public String status(EngineContractTest.TicketSpec spec, EngineContractTest.TicketState state) {
            return kind.status(spec, state);
        }

        @Override
        public Instant nextDue(EngineContractTest.TicketSpec spec, EngineContractTest.TicketState state) {
            return kind.nextDue(spec, state);
        }

        @Override
        public Outcome<EngineContractTest.TicketState> onDue(String key, EngineContractTest.TicketSpec spec,
                EngineContractTest.TicketState state, Instant now) {
            return kind.onDue(key, spec, state, now);
        }

        @Override
        public Duration period(EngineContractTest.TicketSpec spec) {
            return kind.period(spec);
        }

        @Override
        public EngineContractTest.TicketState afterGap(EngineContractTest.TicketSpec spec,
                EngineContractTest.TicketState state, Instant gapEnd) {
            return kind.afterGap(spec, state, gapEnd);
        }
    }

    @Test
    void configErrorsFailTheBuild(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("vigil.yaml");
        Files.writeString(f, "monitors:\n  - name: a\n    config: {expected_interval: 60}\n    notifications: [pager]\n");
        assertThatThrownBy(() -> Vigil.builder().store(new MemoryStore()).config(f).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("monitors[0].notifications").hasMessageContaining("unknown channel 'pager'");

        Files.writeString(f, "channels:\n  pager: {type: carrier-pigeon}\n");
        assertThatThrownBy(() -> Vigil.builder().store(new MemoryStore()).config(f).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("channels.pager.type")
                .hasMessageContaining("carrier-pigeon");

        Files.writeString(f, "channels:\n  pager: {type: carrier-pigeon}\n"
                + "monitors:\n  - name: a\n    config: {expected_interval: 60}\n    notifications: [pager]\n");
        // a channel registered in code replaces the config's definition
        Vigil ok = Vigil.builder().store(new MemoryStore()).config(f).channel("pager", n -> { }).build();
        assertThat(ok.monitors().findByName("a")).isPresent();
        ok.close();

        assertThatThrownBy(() -> Vigil.builder().store(new MemoryStore()).config(dir.resolve("missing.yaml")).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing.yaml");
        assertThatThrownBy(() -> Vigil.builder().store(new MemoryStore())
                .environment(Map.of()).config(writeEnvConfig(dir)).build())
                .hasMessageContaining("environment variable PUSH_SECRET is not set");
    }

    private static Path writeEnvConfig(Path dir) throws Exception {
        Path f = dir.resolve("env.yaml");
        Files.writeString(f, "monitors:\n  - name: a\n    secret_key: ${PUSH_SECRET}\n    config: {expected_interval: 60}\n");
        return f;
    }
}
