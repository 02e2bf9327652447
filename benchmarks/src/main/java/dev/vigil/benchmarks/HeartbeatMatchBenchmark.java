package dev.vigil.benchmarks;

import dev.vigil.Vigil;
import dev.vigil.heartbeat.CheckEvent;
import dev.vigil.heartbeat.Heartbeat;
import dev.vigil.heartbeat.HeartbeatSpec;
import dev.vigil.notify.LoggingNotifier;
import dev.vigil.store.memory.MemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Per-signal heartbeat matching (issue 15: flat within 2x from 100 to 100k heartbeats): a Canopsis check event
 * through {@code vigil.heartbeats().receive(...)} (signal built, published, matched against every pattern, the match
 * coalesced in memory; no store write) with {@code heartbeats} patterns of four shapes, each event matching two of
 * them ({@code spread} says which hosts the signals name). Baseline in the same run: a linear scan that compares the same event with every pattern, which is what
 * matching costs without the index.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class HeartbeatMatchBenchmark {
    private static final int EVENTS = 1024;

    @Param({"100", "10000", "100000"})
    public int heartbeats;

    /**
     * false: the same 1024 signals at every size, about 25 hosts (so only the number of heartbeats changes); true: the
     * signals spread over every host, so at 10k and 100k each one touches index entries that are rarely in cache.
     */
    @Param({"false", "true"})
    public boolean spread;

    private Vigil vigil;
    private CheckEvent[] events;
    private List<Map<String, String>> eventFields;
    private List<Map<String, String>> patterns;
    private int next;

    @Setup
    public void setUp() {
        vigil = Vigil.builder().store(new MemoryStore()).notifier(new LoggingNotifier()).build();
        patterns = new ArrayList<>(heartbeats);
        int hosts = spread ? Math.max(1, heartbeats / 4) : 25;
        for (int i = 0; i < heartbeats; i++) {
            int h = i / 4;
            Map<String, String> p = switch (i % 4) {
                case 0 -> Map.of("connector", "zabbix", "component", "host-" + h);
                case 1 -> Map.of("connector", "zabbix", "component", "host-" + h, "resource", "disk");
                case 2 -> Map.of("connector_name", "nagios-" + h);
                default -> Map.of("component", "host-" + h, "resource", "cpu", "state", "0");
            };
            Heartbeat created = vigil.heartbeats().create(HeartbeatSpec.of(p, "10m"));
            patterns.add(created.spec().pattern());
        }
        events = new CheckEvent[EVENTS];
        eventFields = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            int h = (int) ((i * 2654435761L) % hosts);
            // matches the host's shape-0 and shape-1 heartbeats
            events[i] = CheckEvent.check("zabbix", "zabbix-1", "host-" + h, "disk", 0).withOutput("ok");
            eventFields.add(events[i].fields());
        }
        if (matches(eventFields.get(0)) != 2) {
            throw new IllegalStateException("each event must match two heartbeats, got " + matches(eventFields.get(0)));
        }
    }

    @TearDown
    public void tearDown() {
        vigil.close();
    }

    @Benchmark
    public int vigilMatch() {
        int i = next++ & (EVENTS - 1);
        vigil.heartbeats().receive(events[i]);
        return i;
    }

    @Benchmark
    public int baselineMatch() {
        return matches(eventFields.get(next++ & (EVENTS - 1)));
    }

    private int matches(Map<String, String> fields) {
        int n = 0;
        for (Map<String, String> p : patterns) {
            boolean all = true;
            for (Map.Entry<String, String> e : p.entrySet()) {
                if (!e.getValue().equals(fields.get(e.getKey()))) {
                    all = false;
                    break;
                }
            }
            if (all) {
                n++;
            }
        }
        return n;
    }
}
