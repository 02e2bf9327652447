package dev.vigil.benchmarks;

import dev.vigil.http.Exchange;
import dev.vigil.http.Route;
import dev.vigil.http.internal.Router;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Route lookup with 10 and 60 routes in the same run: Vigil's trie ({@link Router#lookup}) against the linear scan
 * the router used before (every template matched segment by segment). The routes look like the seeds' (a few
 * literal prefixes, parameters, seed 003's literal task kinds); the looked-up paths are a fixed mix of hits on the
 * last-registered routes (the scan's worst case), an early route, and a 404. The trie's time should not grow with
 * the number of routes; the scan's does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RouteLookupBenchmark {
    @Param({"10", "60"})
    public int routes;

    private Router router;
    private List<List<String>> templates;
    private String[] paths;
    private int next;

    @Setup
    public void setUp() {
        List<Route> all = new ArrayList<>();
        Route.Handler h = ex -> Exchange.noContent();
        String[] families = {"monitors", "services", "entities", "events", "heartbeat", "tasks", "silences",
            "notifications", "apps", "reports"};
        for (int i = 0; all.size() < routes; i++) {
            String base = "/api/v" + (1 + i / families.length) + "/" + families[i % families.length];
            all.add(Route.open("GET", base, h));
            all.add(Route.open("POST", base, h));
            all.add(Route.open("GET", base + "/{id}", h));
            all.add(Route.open("DELETE", base + "/{id}", h));
            all.add(Route.open("GET", base + "/{id}/history", h));
            all.add(Route.open("POST", base + "/{id}/5xx", h));
        }
        all = all.subList(0, routes);
        router = new Router(all, Map.of(), null, 1024);
        templates = new ArrayList<>();
        for (Route r : all) {
            templates.add(Route.split(r.template()));
        }
        Route last = all.get(all.size() - 1);
        Route lastGet = all.get(all.size() - 4);
        paths = new String[] {
            last.template().replace("{id}", "web-1"),
            lastGet.template().replace("{id}", "web-1"),
            "/api/v1/monitors/42",
            "/api/v1/nothing/here",
        };
    }

    private String nextPath() {
        String p = paths[next];
        next = (next + 1) & 3;
        return p;
    }

    @Benchmark
    public Object vigilLookup() {
        return router.lookup(nextPath()).route("GET");
    }

    @Benchmark
    public Object baselineLookup() {
        // like the former router: every template is tried (the Allow header needs all matches)
        List<String> path = Route.split(nextPath());
        Map<String, String> first = null;
        for (List<String> t : templates) {
            Map<String, String> m = match(t, path);
            if (m != null && first == null) {
                first = m;
            }
        }
        return first;
    }

    /** The former router's matcher. */
    private static Map<String, String> match(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            String p = path.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                if (p.isEmpty()) {
                    return null;
                }
                if (params == null) {
                    params = new HashMap<>(4);
                }
                params.put(t.substring(1, t.length() - 1), p);
            } else if (!t.equals(p)) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }
}
