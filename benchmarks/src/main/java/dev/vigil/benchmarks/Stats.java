package dev.vigil.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Median and spread (min..max) of a few rounds. */
public record Stats(double median, double min, double max, int n) {

    public static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int k = sorted.size();
        double median = k % 2 == 1 ? sorted.get(k / 2) : (sorted.get(k / 2 - 1) + sorted.get(k / 2)) / 2;
        return new Stats(median, sorted.get(0), sorted.get(k - 1), k);
    }

    /** {@code median (min..max, n=k)} with the given number format. */
    public String format(String number) {
        return String.format(Locale.ROOT, number + " (" + number + ".." + number + ", n=%d)", median, min, max, n);
    }
}
