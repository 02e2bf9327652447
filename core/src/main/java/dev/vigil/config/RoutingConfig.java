package dev.vigil.config;

import dev.vigil.model.LabelMatcher;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code routing:} section: extra channels by label match, the channels used when nothing else routes a
 * notification, and flap damping.
 *
 * <pre>
 * routing:
 *   routes:
 *     - match: ["kind=push_monitor", "group=~Maintenance.*"]
 *       channels: [ops_hook]
 *   default: [admin_email]
 *   flapping: {changes: 5, window: 10m}
 * </pre>
 */
public record RoutingConfig(List<Route> routes, List<String> defaultChannels, @Nullable Flapping flapping) {

    public static final RoutingConfig NONE = new RoutingConfig(List.of(), List.of(), null);

    public RoutingConfig {
        routes = List.copyOf(routes);
        defaultChannels = List.copyOf(defaultChannels);
    }

    /** Subjects whose labels match every matcher also notify these channels. */
    public record Route(List<LabelMatcher> match, List<String> channels) {
        public Route {
            match = List.copyOf(match);
            channels = List.copyOf(channels);
            if (channels.isEmpty()) {
                throw new IllegalArgumentException("a route needs at least one channel");
            }
        }
    }

    /** {@code changes} state changes within {@code window}: one "flapping" notification, then quiet until stable. */
    public record Flapping(int changes, Duration window) {
        public Flapping {
            if (changes < 2 || changes > 100) {
                throw new IllegalArgumentException("flapping changes must be between 2 and 100, got " + changes);
            }
            if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException("flapping window must be between 1s and 7 days, got " + window);
            }
        }
    }
}
