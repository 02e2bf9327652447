package dev.vigil.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs JMH benchmarks for several rounds and reports each Vigil benchmark against its baseline from the same
 * round. Pairing is by name: {@code vigilX} is compared with {@code baselineX} of the same class and parameters.
 * The ratio is "how many times better Vigil is": Vigil/baseline for throughput, baseline/Vigil for time per
 * operation. Each round runs every selected benchmark once (one fork each); a baseline runs right next to its
 * Vigil benchmark (which of the two goes first alternates by round), so a round's ratio compares two measurements
 * taken under nearly the same machine load. Each round prints the load average before each benchmark. The last
 * column compares the best round of each side (highest throughput, lowest time): on a machine shared with other
 * work, that is the least disturbed estimate.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.Rounds [-rounds N] [JMH options] [regex]
 * </pre>
 * Every JMH command-line option works (e.g. {@code -wi 3 -i 5 -p monitors=1000000 -prof gc}).
 */
public final class Rounds {
    private Rounds() {
    }

    /** One benchmark method with one set of parameters. */
    private record Key(String clazz, String method, String params) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = clazz.compareTo(o.clazz);
            c = c != 0 ? c : params.compareTo(o.params);
            return c != 0 ? c : method.compareTo(o.method);
        }

        String label() {
            return clazz + "." + method + (params.isEmpty() ? "" : " [" + params + "]");
        }
    }

    private record Series(Mode mode, String unit, List<Double> scores) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        List<String> jmhArgs = new ArrayList<>(Arrays.asList(args));
        int at = jmhArgs.indexOf("-rounds");
        if (at >= 0) {
            rounds = Integer.parseInt(jmhArgs.get(at + 1));
            jmhArgs.subList(at, at + 2).clear();
        }
        List<String> includes = new CommandLineOptions(jmhArgs.toArray(new String[0])).getIncludes();
        jmhArgs.removeAll(includes);
        Options cli = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        List<List<String>> groups = groups(includes.isEmpty() ? List.of(".*") : includes, cli.getExcludes());
        Map<Key, Series> all = new TreeMap<>();
        for (int r = 1; r <= rounds; r++) {
            for (List<String> group : groups) {
                List<String> order = new ArrayList<>(group);
                if (r % 2 == 0) {
                    Collections.reverse(order); // alternate who goes first, so a drifting load favours no one
                }
                for (String benchmark : order) {
                    System.out.printf("%n===== round %d of %d: %s (load average %s) =====%n", r, rounds, benchmark,
                            loadAverage());
                    Options one = new OptionsBuilder().parent(cli).include("^" + Pattern.quote(benchmark) + "$")
                            .forks(1).build();
                    for (RunResult result : new Runner(one).run()) {
                        record(all, result);
                    }
                }
            }
        }
        System.out.println();
        System.out.println(report(all));
    }

    /** The selected benchmarks, each baseline grouped with its Vigil benchmark (baseline first). */
    private static List<List<String>> groups(List<String> includes, List<String> excludes) {
        OutputFormat quiet = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT);
        Set<String> names = new TreeSet<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().find(quiet, includes, excludes)) {
            names.add(e.getUsername());
        }
        List<List<String>> groups = new ArrayList<>();
        Set<String> grouped = new TreeSet<>();
        for (String name : names) {
            int dot = name.lastIndexOf('.');
            String method = name.substring(dot + 1);
            if (method.startsWith("vigil")) {
                String baseline = name.substring(0, dot + 1) + "baseline" + method.substring("vigil".length());
                groups.add(names.contains(baseline) ? List.of(baseline, name) : List.of(name));
                grouped.add(baseline);
                grouped.add(name);
            }
        }
        for (String name : names) {
            if (!grouped.contains(name)) {
                groups.add(List.of(name));
            }
        }
        return groups;
    }

    private static void record(Map<Key, Series> all, RunResult result) {
        BenchmarkParams p = result.getParams();
        String full = p.getBenchmark();
        int dot = full.lastIndexOf('.');
        String clazz = full.substring(full.lastIndexOf('.', dot - 1) + 1, dot);
        StringBuilder params = new StringBuilder();
        for (String k : p.getParamsKeys()) {
            params.append(params.length() == 0 ? "" : ", ").append(k).append('=').append(p.getParam(k));
        }
        Key key = new Key(clazz, full.substring(dot + 1), params.toString());
        all.computeIfAbsent(key, k -> new Series(p.getMode(), result.getPrimaryResult().getScoreUnit(),
                new ArrayList<>())).scores().add(result.getPrimaryResult().getScore());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    static String report(Map<Key, Series> all) {
        StringBuilder out = new StringBuilder();
        out.append("| benchmark | Vigil | baseline | ratio (x better), median (min..max) | per round | best/best |\n"
                + "|---|---|---|---|---|---|\n");
        Map<Key, Boolean> used = new LinkedHashMap<>();
        for (Map.Entry<Key, Series> e : all.entrySet()) {
            Key k = e.getKey();
            if (!k.method().startsWith("vigil")) {
                continue;
            }
            Key base = new Key(k.clazz(), "baseline" + k.method().substring("vigil".length()), k.params());
            Series v = e.getValue();
            Series b = all.get(base);
            String ratio = "n/a";
            String perRound = "";
            String best = "";
            String baseline = "none";
            if (b != null) {
                used.put(base, true);
                int n = Math.min(v.scores().size(), b.scores().size());
                List<Double> ratios = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    double vs = v.scores().get(i);
                    double bs = b.scores().get(i);
                    ratios.add(v.mode() == Mode.Throughput ? vs / bs : bs / vs);
                }
                ratio = Stats.of(ratios).format("%.2f");
                perRound = format(ratios, "%.2f");
                Stats vs = Stats.of(v.scores());
                Stats bs = Stats.of(b.scores());
                best = String.format(Locale.ROOT, "%.2f", v.mode() == Mode.Throughput ? vs.max() / bs.max()
                        : bs.min() / vs.min());
                baseline = describe(b);
            }
            out.append("| ").append(k.label()).append(" | ").append(describe(v)).append(" | ").append(baseline)
                    .append(" | ").append(ratio).append(" | ").append(perRound).append(" | ").append(best)
                    .append(" |\n");
        }
        for (Map.Entry<Key, Series> e : all.entrySet()) {
            if (!e.getKey().method().startsWith("vigil") && !used.containsKey(e.getKey())) {
                out.append("| ").append(e.getKey().label()).append(" | ").append(describe(e.getValue()))
                        .append(" | (reference, unpaired) | | | |\n");
            }
        }
        return out.toString();
    }

    private static String describe(Series s) {
        if (s.unit().equals("ops/s") && s.scores().get(0) >= 1e5) {
            List<Double> millions = s.scores().stream().map(x -> x / 1e6).toList();
            return Stats.of(millions).format("%.2f") + " M ops/s";
        }
        return Stats.of(s.scores()).format("%.3f") + " " + s.unit();
    }

    private static String format(List<Double> values, String number) {
        StringBuilder b = new StringBuilder("[");
        for (double v : values) {
            b.append(b.length() == 1 ? "" : ", ").append(String.format(Locale.ROOT, number, v));
        }
        return b.append(']').toString();
    }
}
