package dev.vigil.notify;

import dev.vigil.model.Text;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * One configured channel's settings as strings (after {@code ${ENV}} substitution; nested maps flattened to
 * {@code headers.X-Name}, lists joined with commas), with helpers whose errors name the setting.
 *
 * @param name   the channel's name
 * @param values the settings
 * @param policy where outbound requests may go (the SSRF guard)
 */
public record ChannelSettings(String name, Map<String, String> values, OutboundPolicy policy) {

    public ChannelSettings {
        values = Map.copyOf(values);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value, which must be present and not blank. */
    public String require(String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            throw new ChannelSettingException(key, "is required");
        }
        return v;
    }

    public Optional<Integer> integer(String key) {
        return get(key).map(v -> setting(key, () -> {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number, got '" + Text.forLog(v) + "'");
            }
        }));
    }

    public Optional<Boolean> bool(String key) {
        return get(key).map(v -> setting(key, () -> {
            String t = v.trim().toLowerCase(Locale.ROOT);
            if (!t.equals("true") && !t.equals("false")) {
                throw new IllegalArgumentException("must be true or false, got '" + Text.forLog(v) + "'");
            }
            return Boolean.parseBoolean(t);
        }));
    }

    /** Refuses any setting that is not one of {@code keys} and does not start with one of {@code prefixes}. */
    public void allowOnly(Set<String> keys, String... prefixes) {
        for (String k : values.keySet()) {
            boolean ok = keys.contains(k);
            for (String p : prefixes) {
                ok |= k.startsWith(p);
            }
            if (!ok) {
                Set<String> known = new TreeSet<>(keys);
                for (String p : prefixes) {
                    known.add(p + "*");
                }
                throw new ChannelSettingException(k, "unknown setting (expected one of: " + String.join(", ", known)
                        + ")");
            }
        }
    }

    /** Runs {@code s}, reporting an {@link IllegalArgumentException} as a problem of setting {@code key}. */
    public static <T> T setting(String key, Supplier<T> s) {
        try {
            return s.get();
        } catch (ChannelSettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ChannelSettingException(key, e.getMessage());
        }
    }
}
