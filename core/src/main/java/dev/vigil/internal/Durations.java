package dev.vigil.internal;

import dev.vigil.model.Text;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as users write them: {@code 86400} (seconds), {@code 10s}, {@code 15m}, {@code 1h30m}, {@code 2d}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d{1,9})([dhms])");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,9}[dhms])+");

    private Durations() {
    }

    public static Duration parse(String text) {
        String s = text.trim();
        if (s.matches("\\d{1,12}")) {
            return Duration.ofSeconds(Long.parseLong(s));
        }
        if (!WHOLE.matcher(s).matches()) {
            throw new IllegalArgumentException("'" + Text.forLog(text)
                    + "' is not a duration (use seconds, or units such as 10s, 15m, 1h30m, 2d)");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(s);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "d":
                    total = total.plusDays(n);
                    break;
                case "h":
                    total = total.plusHours(n);
                    break;
                case "m":
                    total = total.plusMinutes(n);
                    break;
                default:
                    total = total.plusSeconds(n);
                    break;
            }
        }
        return total;
    }

    /** The duration as users write it, largest units first: {@code 26h}, {@code 1h30m}, {@code 5m}, {@code 90s}. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (s == 0) {
            return d.toMillis() + "ms";
        }
        StringBuilder out = new StringBuilder();
        long[] sizes = {86_400, 3_600, 60, 1};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (s >= sizes[i]) {
                out.append(s / sizes[i]).append(units[i]);
                s %= sizes[i];
            }
        }
        return out.toString();
    }
}
