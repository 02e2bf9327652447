package dev.vigil.benchmarks;

import dev.vigil.Vigil;
import dev.vigil.http.HttpRequest;
import dev.vigil.http.HttpResponse;
import dev.vigil.http.VigilHttp;
import dev.vigil.notify.LoggingNotifier;
import dev.vigil.service.HealthReport;
import dev.vigil.spi.StoredSubject;
import dev.vigil.spi.SubjectQuery;
import dev.vigil.store.memory.MemoryStore;
import java.util.List;
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
 * {@code GET /api/v1/services/tree} with 10k services on the memory store (issue "Services": under 100 ms), through
 * {@link VigilHttp} as a servlet would call it: routing, the tree, and its JSON. Baseline in the same run: listing the
 * same services from the store, which the tree cannot avoid; the difference is what building and rendering costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ServiceTreeBenchmark {
    private static final String KEY = "bench-admin-key-0123456789abcdef";

    @Param({"10000"})
    public int services;

    private Vigil vigil;
    private MemoryStore store;
    private VigilHttp http;
    private HttpRequest tree;

    @Setup
    public void setUp() {
        store = new MemoryStore();
        vigil = Vigil.builder().store(store).notifier(new LoggingNotifier()).build();
        String[] statuses = {"OPERATIONAL", "OPERATIONAL", "OPERATIONAL", "DEGRADED", "DOWN"};
        for (int i = 0; i < services; i++) {
            // 10 orgs x 5 domains x 2 envs x 10 clusters, the rest services; a few padded into "unknown"
            String path = i % 500 == 0 ? "host-" + i
                    : "org" + i % 10 + "/domain" + i % 5 + "/env" + i % 2 + "/cluster" + i % 10 + "/service-" + i;
            vigil.services().report(HealthReport.of(path, statuses[i % statuses.length]));
        }
        http = VigilHttp.builder(vigil).apiKeys(KEY).build();
        tree = HttpRequest.builder("GET", "/api/v1/services/tree").header("X-API-Key", KEY).build();
        HttpResponse r = http.handle(tree);
        if (r.status() != 200) {
            throw new IllegalStateException("tree answered " + r.status());
        }
    }

    @TearDown
    public void tearDown() {
        vigil.close();
    }

    @Benchmark
    public byte[] vigilTreeOverHttp() {
        return http.handle(tree).body();
    }

    @Benchmark
    public int baselineListServices() {
        int n = 0;
        SubjectQuery q = SubjectQuery.all("service", SubjectQuery.MAX_LIMIT);
        while (true) {
            List<StoredSubject> page = store.subjects().list(q);
            n += page.size();
            if (page.size() < q.limit()) {
                return n;
            }
            q = q.after(page.get(page.size() - 1).key());
        }
    }
}
