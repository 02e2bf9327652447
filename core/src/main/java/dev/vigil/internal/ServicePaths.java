package dev.vigil.internal;

import dev.vigil.model.Text;
import dev.vigil.service.ServicePath;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns whatever path a report carried into a five-segment {@link ServicePath}, "loud over silent" (seed 000): a
 * missing path or one with fewer than five segments lands under {@code unknown/unknown/unknown/unknown/<last
 * segment>}; empty segments are dropped; more than five keep the first four and join the rest with {@code -} into
 * the fifth. Each fix is a warning and counts as a misconfigured report.
 */
final class ServicePaths {
    private ServicePaths() {
    }

    /** The path a report lands on; {@code misconfigured} when it had to be padded or folded. */
    record Normalized(ServicePath path, boolean misconfigured) {
        String text() {
            return path.toString();
        }
    }

    static Normalized normalize(@Nullable String raw, List<String> warnings) {
        String u = ServicePath.UNKNOWN;
        if (raw == null || raw.isBlank()) {
            ServicePath p = new ServicePath(u, u, u, u, u);
            warnings.add("path is missing; the report was recorded under " + p);
            return new Normalized(p, true);
        }
        List<String> segments = new ArrayList<>();
        boolean dropped = false;
        boolean cleaned = false;
        for (String s : raw.split("/", -1)) {
            String c = clean(s);
            cleaned |= !c.equals(s.strip());
            if (c.isEmpty()) {
                dropped = true;
            } else {
                segments.add(c);
            }
        }
        if (dropped) {
            warnings.add("path '" + shown(raw) + "' has empty segments; they were dropped");
        }
        if (cleaned) {
            warnings.add("path '" + shown(raw) + "' has control characters or segments longer than "
                    + ServicePath.MAX_SEGMENT_LENGTH + " characters; they were replaced or cut");
        }
        if (segments.size() < 5) {
            String last = segments.isEmpty() ? u : segments.get(segments.size() - 1);
            ServicePath p = new ServicePath(u, u, u, u, last);
            warnings.add("path '" + shown(raw) + "' has " + segments.size()
                    + " of 5 segments (org/domain/env/cluster/service); the report was recorded under " + p);
            return new Normalized(p, true);
        }
        if (segments.size() > 5) {
            String service = fit(String.join("-", segments.subList(4, segments.size())));
            ServicePath p = new ServicePath(segments.get(0), segments.get(1), segments.get(2), segments.get(3),
                    service);
            warnings.add("path '" + shown(raw) + "' has " + segments.size()
                    + " segments; those after the fourth were joined with '-' into the service: " + p);
            return new Normalized(p, true);
        }
        return new Normalized(new ServicePath(segments.get(0), segments.get(1), segments.get(2), segments.get(3),
                segments.get(4)), dropped || cleaned);
    }

    /** A segment without surrounding blanks, control characters (replaced) or excess length. */
    private static String clean(String segment) {
        String s = segment.strip();
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                if (out == null) {
                    out = new StringBuilder(s);
                }
                out.setCharAt(i, Text.REPLACEMENT);
            }
        }
        return fit(out == null ? s : out.toString());
    }

    private static String fit(String s) {
        if (s.length() <= ServicePath.MAX_SEGMENT_LENGTH) {
            return s;
        }
        int cut = Character.isHighSurrogate(s.charAt(ServicePath.MAX_SEGMENT_LENGTH - 1))
                ? ServicePath.MAX_SEGMENT_LENGTH - 1 : ServicePath.MAX_SEGMENT_LENGTH;
        return s.substring(0, cut);
    }

    private static String shown(String raw) {
        String s = raw.length() > 100 ? raw.substring(0, 100) + "..." : raw;
        return Text.forLog(s);
    }
}
