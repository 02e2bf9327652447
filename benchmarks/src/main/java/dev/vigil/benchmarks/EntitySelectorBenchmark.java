package dev.vigil.benchmarks;

import dev.vigil.Vigil;
import dev.vigil.entity.Entities;
import dev.vigil.entity.Entity;
import dev.vigil.entity.EntityDefinition;
import dev.vigil.notify.LoggingNotifier;
import dev.vigil.store.memory.MemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Entity selectors over N entities on the memory store (issue "Events"), through {@code vigil.entities().select}
 * as event ingest uses it: parse, follow the change feed, evaluate on the indexes, check activity (24 h) of each
 * match against its subject, and build the views. N hosts, 1 % of them in host groups of 100 (the seed's
 * {@code cloud-burst-hosts} is one of them), so a group selector matches 100 hosts whatever N is.
 *
 * <p>Baselines in the same run: a straightforward evaluation that scans every entity per clause (a list of
 * entities, names compared case-insensitively, a group's members found by scanning the hosts' relationships).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class EntitySelectorBenchmark {
    static final String BY_NAME = "type(HOST),entityName.equals(host-4242)";
    static final String SEED = "type(HOST),fromRelationship.isInstanceOf(type(HOST_GROUP),entityName(cloud-burst-hosts))";

    @Param({"10000", "100000"})
    public int entities;

    private Vigil vigil;
    private Entities registry;
    private Instant activeSince;
    /** The baseline's data: what a scan has to look at. */
    private final List<Entity> all = new ArrayList<>();

    @Setup
    public void setUp() {
        vigil = Vigil.builder().store(new MemoryStore()).notifier(new LoggingNotifier()).build();
        registry = vigil.entities();
        int groups = Math.max(1, entities / 100 / 100);
        List<String> groupIds = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            String name = g == 0 ? "cloud-burst-hosts" : "group-" + g;
            groupIds.add(registry.define(EntityDefinition.of("HOST_GROUP", name)).entityId());
        }
        for (int i = 0; i < entities; i++) {
            EntityDefinition d = EntityDefinition.of("HOST", "host-" + i).withTags("env:" + (i % 3 == 0 ? "prod" : "dev"));
            if (i % 100 == 0) {
                d = d.withRelationship("isInstanceOf", groupIds.get((i / 100) % groups));
            }
            registry.define(d);
        }
        all.addAll(registry.select("type(HOST)", null));
        all.addAll(registry.select("type(HOST_GROUP)", null));
        activeSince = vigil.clock().instant().minus(Duration.ofHours(24));
        int byName = registry.select(BY_NAME, activeSince).size();
        int seed = registry.select(SEED, activeSince).size();
        if (byName != 1 || seed != 100 || baselineSeedSelector() != 100 || baselineNameEquals() != 1) {
            throw new IllegalStateException("unexpected matches: " + byName + " by name, " + seed + " in the group");
        }
    }

    @TearDown
    public void tearDown() {
        vigil.close();
    }

    @Benchmark
    public int vigilNameEquals() {
        return registry.select(BY_NAME, activeSince).size();
    }

    @Benchmark
    public int baselineNameEquals() {
        int n = 0;
        for (Entity e : all) {
            if (e.type().equals("HOST") && e.displayName().toLowerCase(Locale.ROOT).equals("host-4242")
                    && !e.lastSeen().isBefore(activeSince)) {
                n++;
            }
        }
        return n;
    }

    @Benchmark
    public int vigilSeedSelector() {
        return registry.select(SEED, activeSince).size();
    }

    @Benchmark
    public int baselineSeedSelector() {
        Set<String> groups = new HashSet<>();
        for (Entity e : all) {
            if (e.type().equals("HOST_GROUP") && e.displayName().toLowerCase(Locale.ROOT).contains("cloud-burst-hosts")) {
                groups.add(e.entityId());
            }
        }
        int n = 0;
        for (Entity e : all) {
            if (e.type().equals("HOST") && !e.lastSeen().isBefore(activeSince)) {
                for (String g : e.fromRelationships().getOrDefault("isInstanceOf", List.of())) {
                    if (groups.contains(g)) {
                        n++;
                        break;
                    }
                }
            }
        }
        return n;
    }
}
